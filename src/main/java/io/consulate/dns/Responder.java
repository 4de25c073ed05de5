package io.consulate.dns;

import io.consulate.catalog.CatalogSnapshot;
import io.consulate.cluster.DatacenterErrors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * One DNS message in, one reply out (or nothing): header checks, parse, answer from the current snapshot,
 * forward what is not ours, render. Transport-agnostic; the verticles only move bytes. Never fails.
 * A plain question already answered from this snapshot is served from {@link AnswerCache} without dnsjava;
 * one instance per verticle, so its probe is confined to that event loop.
 */
final class Responder {
  static final int HEADER_LENGTH = 12;
  private static final Logger LOG = Logger.getLogger(Responder.class.getName());

  private final Supplier<CatalogSnapshot> snapshots;
  private final Supplier<DnsConfig> configs;
  private final Answerer answerer;
  private final Context context;
  private final AnswerCache cache;
  private final NetworkSources remote;
  private final WireQuestion probe = new WireQuestion();
  private final AnswerPick pick = new AnswerPick();

  Responder(Supplier<CatalogSnapshot> snapshots, Supplier<DnsConfig> configs, Answerer answerer, Context context,
      AnswerCache cache, NetworkSources remote) {
    this.remote = remote;
    this.snapshots = snapshots;
    this.configs = configs;
    this.answerer = answerer;
    this.context = context;
    this.cache = cache;
  }

  /**
   * The cached reply to the query in {@code packet[0..length)}, written into a buffer that {@code buffers} gives for
   * the reply's size; null when the question is not served from the cache, so it takes {@link #respond}.
   */
  ByteBuf cached(byte[] packet, int length, Transport transport, IntFunction<ByteBuf> buffers) {
    if (length < HEADER_LENGTH || (packet[2] & 0x80) != 0 || !probe.read(packet, length, transport)) return null;
    EncodedAnswer hit = cache.of(snapshots.get(), configs.get()).get(probe);
    if (hit == null || !hit.cacheable()) return null;
    ByteBuf reply = buffers.apply(hit.size(pick, probe.end(), probe.payload()));
    hit.write(pick, packet, probe.end(), probe.payload(), answerer.serial(), reply);
    return reply;
  }

  /** The reply bytes, or null to send nothing: too short for a header, or a response rather than a query. */
  Future<byte[]> respond(byte[] packet, Transport transport) {
    ByteBuf hit = cached(packet, packet.length, transport, Responder::exactArray);
    return hit != null ? Future.succeededFuture(hit.array()) : uncached(packet, transport);
  }

  /** {@link #respond} for a query {@link #cached} just found no reply for: dnsjava, and the cache filled. */
  Future<byte[]> uncached(byte[] packet, Transport transport) {
    if (packet.length < HEADER_LENGTH || (packet[2] & 0x80) != 0) return Future.succeededFuture();
    DnsConfig config = configs.get();
    AnswerCache.Generation cached = cache.of(snapshots.get(), config);
    boolean keep = probe.read(packet, packet.length, transport) && cached.get(probe) == null;
    Message request;
    try {
      request = new Message(packet);
    } catch (IOException | RuntimeException e) {
      return Future.succeededFuture(Render.toWire(headerOnly(packet), Answer.of(Outcome.FORMERR), config, transport));
    }
    try {
      return respond(request, cached, config, transport, keep);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "DNS: failed to answer " + request.getQuestion(), e);
      return Future.succeededFuture(Render.toWire(request, Answer.of(Outcome.SERVFAIL), config, transport));
    }
  }

  /** An empty heap buffer over an array of exactly {@code size} bytes, so the filled buffer's array is the reply. */
  private static ByteBuf exactArray(int size) {
    return Unpooled.wrappedBuffer(new byte[size]).clear();
  }

  /** {@code keep}: the question is plain and not in the cache yet, so its reply is encoded for the next time. */
  private Future<byte[]> respond(Message request, AnswerCache.Generation cached, DnsConfig config,
      Transport transport, boolean keep) {
    Outcome refusal = check(request);
    if (refusal != null) return Future.succeededFuture(Render.toWire(request, Answer.of(refusal), config, transport));
    Record question = request.getQuestion();
    DnsQuery query = QueryParser.parse(question.getName(), question.getType(), config);
    if (query instanceof DnsQuery.Remote r) return remote(request, r, config, transport);
    if (query instanceof DnsQuery.PreparedQueryLookup p) return prepared(request, p, config, transport);
    Answer answer = answerer.answer(cached.snapshot(), query, config);
    if (answer.outcome() != Outcome.FORWARD || config.recursors().isEmpty()) {
      if (keep) {
        cached.put(probe, AnswerEncoder.encode(answer, config, question.getName(), probe.end(),
            Render.maxSize(request, transport), request.getOPT() != null));
      }
      return Future.succeededFuture(Render.toWire(request, answer, config, transport));
    }
    return Recursor.forward(request, transport, config, context)
        .map(response -> Render.forwarded(request, response, transport))
        .otherwise(e -> Render.toWire(request, Answer.of(Outcome.SERVFAIL), config, transport));
  }

  /**
   * A name of another datacenter, answered from its entries as that datacenter would answer it: at once when they
   * are held, else once fetched (never blocking this loop). An unknown datacenter is NXDOMAIN; one that does not
   * answer, SERVFAIL (Consul's split).
   */
  private Future<byte[]> remote(Message request, DnsQuery.Remote query, DnsConfig config, Transport transport) {
    DnsConfig there = config.inDatacenter(query.datacenter());
    return Future.fromCompletionStage(remote.remoteCatalogs().snapshot(query.key()), context)
        .map(snap -> Render.toWire(request, answerer.answer(snap, query.local(), there), there, transport))
        .otherwise(e -> Render.toWire(request, failed(e, RecordMaker.soa(config, answerer.serial())), config, transport));
  }

  /**
   * What a name another datacenter (or a prepared query) could not answer gets: NXDOMAIN for an unknown
   * datacenter or query, SERVFAIL for anything else, as Consul splits them.
   */
  private static Answer failed(Throwable e, Record soa) {
    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    boolean unknown = cause instanceof io.consulate.query.QueryNotFoundException
        || DatacenterErrors.NO_PATH.equals(cause.getMessage());
    return unknown ? Answer.nxdomain(soa) : Answer.of(Outcome.SERVFAIL);
  }

  /**
   * {@code <query>.query.consul}: the prepared query executed as {@code /v1/query/<query>/execute} would (with its
   * failover), its instances answered as a service's; the query's {@code DNS.TTL}, else the service's TTL. No
   * such query, or no instance anywhere, is NXDOMAIN; a failure, SERVFAIL.
   */
  private Future<byte[]> prepared(Message request, DnsQuery.PreparedQueryLookup q, DnsConfig config, Transport transport) {
    Record soa = RecordMaker.soa(config, answerer.serial());
    java.util.concurrent.CompletionStage<io.consulate.query.QueryResult> run;
    try {
      run = q.datacenter() != null ? remote.queries().executeIn(q.datacenter(), q.name())
          : remote.queries().execute(remote.queries().resolve(q.name()).definition(), "", 0);
    } catch (RuntimeException e) {
      return Future.succeededFuture(Render.toWire(request, failed(e, soa), config, transport));
    }
    return Future.fromCompletionStage(run, context).map(result -> {
      DnsConfig there = config.inDatacenter(result.datacenter());
      long ttl = result.dnsTtl().isEmpty() ? config.ttlForService(result.service())
          : io.consulate.catalog.GoDuration.parse(result.dnsTtl()).toSeconds();
      java.util.List<io.consulate.catalog.ServiceHealth> readable = result.nodes().stream()
          .filter(h -> config.canRead(h.service().name(), h.node().name())).toList();
      Answer answer = ServiceAnswerer.answer(readable, q.qname(), q.qtype(), ttl, there, soa);
      return Render.toWire(request, answer, there, transport);
    }).otherwise(e -> Render.toWire(request, failed(e, soa), config, transport));
  }

  /** NOTIMP for other opcodes and zone transfers, FORMERR unless there is exactly one question; else null. */
  private static Outcome check(Message request) {
    if (request.getHeader().getOpcode() != Opcode.QUERY) return Outcome.NOTIMP;
    if (request.getHeader().getCount(Section.QUESTION) != 1) return Outcome.FORMERR;
    int type = request.getQuestion().getType();
    return type == Type.AXFR || type == Type.IXFR ? Outcome.NOTIMP : null;
  }

  /** A stand-in request for a packet whose body does not parse: its id, opcode and RD bit only. */
  private static Message headerOnly(byte[] packet) {
    Message stub = new Message(((packet[0] & 0xff) << 8) | (packet[1] & 0xff));
    stub.getHeader().setOpcode((packet[2] >> 3) & 0xf);
    if ((packet[2] & 0x01) != 0) stub.getHeader().setFlag(Flags.RD);
    return stub;
  }
}
