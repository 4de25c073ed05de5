package io.consulate.store;

import io.consulate.acl.AclChanges;
import io.consulate.acl.AclException;
import io.consulate.acl.AclState;
import io.consulate.catalog.CatalogSnapshot;
import io.consulate.catalog.ChangeSet;
import io.consulate.catalog.EntryKeys;
import io.consulate.catalog.LiveCatalog;
import io.consulate.kv.KvChanges;
import io.consulate.kv.KvException;
import io.consulate.kv.KvState;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jgroups.raft.StateMachine;

/**
 * The state every server derives from the log: the catalog's entries, the KV state, and the index. Committed
 * commands are applied here one at a time, in log order, identically on every server; each one that changes
 * something takes the next index, so indexes are consecutive, never reused, and never go backwards. Commands are
 * validated against the live entries ({@link LiveCatalog}); the immutable catalog snapshot readers use is built
 * from the entries changed since the last one when the publisher asks ({@link #built}), between two commands,
 * so a burst of writes costs one build. The state is also what a log snapshot holds ({@link #writeContentTo}),
 * so a restarted or lagging server gets it whole.
 */
final class ReplicatedState implements StateMachine {
  private static final Logger LOG = Logger.getLogger(ReplicatedState.class.getName());
  private static final int SNAPSHOT_FORMAT = 1;

  private final Publication publication;
  /** Catalog entries by {@link EntryKeys} key, with the index-table entries: what snapshots are built from. */
  private final TreeMap<String, Object> catalogEntries = new TreeMap<>();
  private final LiveCatalog live = new LiveCatalog(catalogEntries);
  /** Catalog keys changed since the last snapshot was built. */
  private final Set<String> unpublished = new HashSet<>();
  private CatalogSnapshot catalog = CatalogSnapshot.EMPTY;
  private KvState kv = KvState.EMPTY;
  private AclState acl = AclState.EMPTY;
  private long index;
  /** Log entries applied so far (writes that changed nothing included): what a writer waits for to read it. */
  private long applied;

  /** The applied entries as a stream for clients' mirrors. */
  private final ChangeFeed feed = new ChangeFeed(this);
  /** Who hears user events as they are applied (the agent's event buffer); called on the applying thread. */
  private final List<Consumer<UserEvent>> eventListeners = new CopyOnWriteArrayList<>();

  ReplicatedState(Publication publication) {
    this.publication = publication;
    publication.source(this::built);
  }

  ChangeFeed feed() {
    return feed;
  }

  /** Log entries applied so far: where a mirror resumes from. */
  synchronized long appliedCount() {
    return applied;
  }

  /** The state after the last applied command, its catalog snapshot brought up to date; publisher thread. */
  synchronized Publication.Latest built() {
    if (!unpublished.isEmpty()) {
      catalog = catalog.update(catalogEntries, unpublished);
      unpublished.clear();
    }
    return new Publication.Latest(catalog, kv, acl, index, applied);
  }

  @Override
  public synchronized byte[] apply(byte[] data, int offset, int length, boolean serializeResponse) {
    applied++;
    feed.appended(data, offset, length);
    Command<?> command;
    try {
      command = CommandCodec.decode(data, offset, length);
    } catch (RuntimeException e) {
      // Skipping it on every server alike keeps them equal; the submitter (if any) learns why.
      LOG.severe("skipping an unreadable log entry: " + e.getMessage());
      return serializeResponse ? CommandCodec.refusal(e, index, applied) : null;
    }
    byte[] answer = run(command, serializeResponse);
    publication.changed();
    return answer;
  }

  private <R> byte[] run(Command<R> command, boolean answer) {
    if (command instanceof RestoreCommand r) return restore(r, answer);
    if (command instanceof EventCommand e) return deliver(e, answer);
    Mutation m = new Mutation(live, kv, acl, index + 1, command.nowMillis());
    R result;
    try {
      result = command.apply(m);
    } catch (RuntimeException e) {
      if (!(e instanceof io.consulate.catalog.CatalogException || e instanceof io.consulate.kv.KvException
          || e instanceof io.consulate.kv.Txn.Failed || e instanceof AclException)) {
        LOG.log(Level.SEVERE, "a command failed to apply; it is refused on every server", e);
      }
      return answer ? CommandCodec.refusal(e, index, applied) : null;
    }
    ChangeSet catalogChanges = m.builtCatalogChanges();
    KvChanges kvChanges = m.kvChanges();
    AclChanges aclChanges = m.aclChanges();
    boolean changed = (catalogChanges != null && !catalogChanges.isEmpty()) || (kvChanges != null && !kvChanges.isEmpty())
        || (aclChanges != null && !aclChanges.isEmpty());
    if (changed) index++;
    if (catalogChanges != null && !catalogChanges.isEmpty()) applyCatalog(catalogChanges);
    if (kvChanges != null) kv = kv.with(kvChanges); // housekeeping alone moves no index
    if (aclChanges != null) acl = aclChanges.applied();
    return answer ? CommandCodec.answer(command, result, index, applied) : null;
  }

  private void applyCatalog(ChangeSet changes) {
    for (String k : changes.removals()) {
      catalogEntries.remove(k);
      unpublished.add(k);
    }
    changes.puts().forEach((k, v) -> {
      catalogEntries.put(k, v);
      unpublished.add(k);
    });
    for (String view : changes.touchedIndexes()) {
      String k = EntryKeys.index(view);
      catalogEntries.put(k, changes.index());
      unpublished.add(k);
    }
  }

  @Override
  public synchronized void writeContentTo(DataOutput out) throws IOException {
    out.writeInt(SNAPSHOT_FORMAT);
    out.writeLong(index);
    out.writeLong(applied);
    out.writeInt(catalogEntries.size());
    for (Map.Entry<String, Object> e : catalogEntries.entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue() instanceof Long l ? Long.toString(l) : EntryCodec.encode(e.getValue()));
    }
    Map<String, String> stored = KvCodec.stored(kv);
    stored.putAll(AclCodec.stored(acl));
    out.writeInt(stored.size());
    for (Map.Entry<String, String> e : stored.entrySet()) {
      writeString(out, e.getKey());
      writeString(out, e.getValue());
    }
  }

  /** The index a whole state written by {@link #writeContentTo} was taken at. */
  static long indexIn(byte[] whole) {
    return java.nio.ByteBuffer.wrap(whole, 4, 8).getLong(); // after the format (int)
  }

  /** The applied count a whole state written by {@link #writeContentTo} was taken at. */
  static long appliedIn(byte[] whole) {
    return java.nio.ByteBuffer.wrap(whole, 12, 8).getLong(); // after the format (int) and the index (long)
  }

  /** A whole state as {@link #writeContentTo} writes it. */
  record Content(long index, long applied, TreeMap<String, Object> catalog, Map<String, String> kv) {}

  /** Reads a whole state; refuses a format newer than this server's. */
  static Content parse(DataInput in) throws IOException {
    int format = in.readInt();
    if (format > SNAPSHOT_FORMAT) throw new IOException("snapshot format " + format + " is newer than this server");
    long snapshotIndex = in.readLong();
    long snapshotApplied = in.readLong();
    TreeMap<String, Object> catalog = new TreeMap<>();
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      String key = readString(in);
      catalog.put(key, EntryCodec.decode(key, readString(in)));
    }
    Map<String, String> stored = new HashMap<>();
    int m = in.readInt();
    for (int i = 0; i < m; i++) stored.put(readString(in), readString(in));
    return new Content(snapshotIndex, snapshotApplied, catalog, stored);
  }

  @Override
  public synchronized void readContentFrom(DataInput in) throws IOException {
    Content c = parse(in);
    replaceCatalog(c.catalog());
    index = c.index();
    applied = c.applied();
    unpublished.addAll(catalogEntries.keySet());
    kv = KvCodec.state(c.kv());
    acl = AclCodec.state(c.kv());
    feed.replaced();
    publication.changed();
    LOG.fine("state restored from a snapshot at index " + index);
  }

  /**
   * The catalog becomes {@code entries}; the keys that go count as changed too, so readers comparing snapshots
   * (the UI) see them removed.
   */
  private void replaceCatalog(Map<String, Object> entries) {
    unpublished.addAll(catalogEntries.keySet());
    catalogEntries.clear();
    catalogEntries.putAll(entries);
    unpublished.addAll(catalogEntries.keySet());
  }

  /**
   * An operator's restore ({@code PUT /v1/snapshot}), applied as one log entry on every server and mirror alike:
   * the catalog and KV become the archive's, at the next index. Every view's index and the KV indexes move to
   * that index, so every blocking query wakes and reads the restored state; sessions' TTLs start again from the
   * restore's time, as Consul's session timers restart on a new leader.
   */
  private byte[] restore(RestoreCommand r, boolean answer) {
    Content c;
    try {
      c = parse(new DataInputStream(new ByteArrayInputStream(r.state())));
    } catch (IOException | RuntimeException e) {
      return answer ? CommandCodec.refusal(new KvException("the snapshot's state is unreadable: " + e.getMessage()),
          index, applied) : null;
    }
    index++;
    TreeMap<String, Object> restored = c.catalog();
    restored.replaceAll((k, v) -> k.startsWith(EntryKeys.INDEX_PREFIX) ? (Object) index : v);
    replaceCatalog(restored);
    Map<String, String> stored = new HashMap<>(c.kv());
    stored.replaceAll((k, v) -> k.startsWith(KvCodec.RENEWAL) ? Long.toString(r.nowMillis()) : v);
    for (String key : new String[] {KvCodec.KV_INDEX, KvCodec.SESSION_INDEX, KvCodec.QUERY_INDEX, KvCodec.LAST_INDEX,
        AclCodec.TOKEN_INDEX, AclCodec.POLICY_INDEX, AclCodec.ROLE_INDEX}) {
      stored.put(key, Long.toString(index));
    }
    kv = KvCodec.state(stored);
    acl = AclCodec.state(stored);
    LOG.info("state restored from an operator's snapshot taken at index " + c.index() + ", now at index " + index);
    return answer ? CommandCodec.answer(r, index, index, applied) : null;
  }

  void onEvent(Consumer<UserEvent> listener) {
    eventListeners.add(listener);
  }

  /** A user event reaches this agent's listeners with its Lamport time: the log position it was applied at. */
  private byte[] deliver(EventCommand e, boolean answer) {
    UserEvent received = e.event().withLTime(applied);
    for (var listener : eventListeners) {
      try {
        listener.accept(received);
      } catch (RuntimeException err) {
        LOG.log(Level.WARNING, "an event listener failed on event " + received.id(), err);
      }
    }
    return answer ? CommandCodec.answer(e, applied, index, applied) : null;
  }

  /** Values may exceed writeUTF's 64 KiB (KV values go to 512 KiB): length-prefixed UTF-8. */
  private static void writeString(DataOutput out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInput in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
