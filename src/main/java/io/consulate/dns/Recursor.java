package io.consulate.dns;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;

/**
 * Forwards a question to the recursors in order over the client's transport (Consul's sequential strategy):
 * the first NOERROR or NXDOMAIN reply wins. dnsjava's own I/O threads do the waiting; results come back on
 * the caller's Vert.x context, so the event loop never blocks.
 */
final class Recursor {
  private static final int DNS_PORT = 53;

  private Recursor() {}

  /** Fails when no recursor gave an acceptable reply in time. */
  static Future<Message> forward(Message request, Transport transport, DnsConfig config, Context context) {
    return attempt(request, transport, config, context, addresses(config.recursors()), 0);
  }

  private static Future<Message> attempt(Message request, Transport transport, DnsConfig config, Context context,
      List<InetSocketAddress> servers, int next) {
    if (next >= servers.size()) return Future.failedFuture("no recursor answered");
    SimpleResolver resolver = new SimpleResolver(servers.get(next));
    resolver.setTCP(transport == Transport.TCP);
    resolver.setIgnoreTruncation(true); // a truncated reply goes back as is; the client retries over TCP
    resolver.setEDNS(-1, 0, 0, List.of()); // forward the client's own OPT record, or none
    resolver.setTimeout(Duration.ofMillis(config.recursorTimeoutMillis()));
    return Future.fromCompletionStage(resolver.sendAsync(request), context).transform(ar -> {
      if (ar.succeeded() && (ar.result().getRcode() == Rcode.NOERROR || ar.result().getRcode() == Rcode.NXDOMAIN)) {
        return Future.succeededFuture(ar.result());
      }
      return attempt(request, transport, config, context, servers, next + 1);
    });
  }

  /** {@code ip}, {@code ip:port} or {@code [v6]:port}; port 53 when absent. Entries that are not IPs are skipped. */
  static List<InetSocketAddress> addresses(List<String> recursors) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String entry : recursors) {
      String host = entry;
      String port = null;
      int colon = entry.lastIndexOf(':');
      if (entry.startsWith("[") && entry.contains("]")) {
        host = entry.substring(1, entry.indexOf(']'));
        if (entry.indexOf("]:") > 0) port = entry.substring(entry.indexOf("]:") + 2);
      } else if (colon > 0 && colon == entry.indexOf(':')) {
        host = entry.substring(0, colon);
        port = entry.substring(colon + 1);
      }
      InetAddress ip = RecordMaker.ipLiteral(host);
      if (ip == null || (port != null && !port.matches("[0-9]{1,5}"))) continue;
      int p = port == null ? DNS_PORT : Integer.parseInt(port);
      if (p <= 65535) out.add(new InetSocketAddress(ip, p));
    }
    return out;
  }
}
