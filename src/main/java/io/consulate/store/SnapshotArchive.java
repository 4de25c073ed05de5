package io.consulate.store;

import io.consulate.catalog.EntryKeys;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A point-in-time backup of the whole replicated state ({@code GET /v1/snapshot}, {@code consulate snapshot}):
 * gzip of a magic line, the metadata (JSON: format version, index, datacenter, node, time), the state exactly as
 * a server's log snapshot holds it, and a SHA-256 of both. Reading checks all of it, so a truncated or altered
 * file is refused before anything uses it.
 */
public final class SnapshotArchive {
  private static final byte[] MAGIC = "consulate-snapshot\n".getBytes(StandardCharsets.US_ASCII);
  /** The archive's own layout; the state inside carries its format too. */
  public static final int VERSION = 1;
  private static final int MAX_PART = 1 << 30;

  private final JsonObject meta;
  private final byte[] state;

  private SnapshotArchive(JsonObject meta, byte[] state) {
    this.meta = meta;
    this.state = state;
  }

  public JsonObject meta() {
    return meta.copy();
  }

  byte[] state() {
    return state;
  }

  static byte[] write(JsonObject meta, byte[] state) {
    byte[] metaBytes = meta.encode().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(state.length / 4 + 256);
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.write(MAGIC);
      out.writeInt(metaBytes.length);
      out.write(metaBytes);
      out.writeInt(state.length);
      out.write(state);
      out.write(digest(metaBytes, state));
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  /** The archive in {@code bytes}, checked whole; a {@link SnapshotException} says what is wrong with it. */
  public static SnapshotArchive read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) throw new SnapshotException("not a Consulate snapshot");
      byte[] metaBytes = part(in);
      byte[] state = part(in);
      byte[] sum = in.readNBytes(32);
      if (sum.length < 32) throw new SnapshotException("the snapshot is truncated");
      if (!MessageDigest.isEqual(sum, digest(metaBytes, state))) {
        throw new SnapshotException("checksum mismatch: the snapshot is corrupt");
      }
      JsonObject meta = new JsonObject(new String(metaBytes, StandardCharsets.UTF_8));
      if (meta.getInteger("Version", 0) > VERSION) {
        throw new SnapshotException("snapshot version " + meta.getInteger("Version") + " is newer than this agent");
      }
      return new SnapshotArchive(meta, state);
    } catch (ZipException e) {
      throw new SnapshotException("not a Consulate snapshot (not gzip: " + e.getMessage() + ")");
    } catch (EOFException e) {
      throw new SnapshotException("the snapshot is truncated");
    } catch (IOException e) {
      throw new SnapshotException("cannot read the snapshot: " + e.getMessage());
    }
  }

  /**
   * What the state holds, by kind: nodes, services, checks, KV entries, sessions. Read as a server reads a log
   * snapshot, every entry decoded, so a state that counts is one a restore can apply.
   */
  public Map<String, Integer> counts() {
    ReplicatedState.Content content;
    try {
      content = ReplicatedState.parse(new DataInputStream(new ByteArrayInputStream(state)));
    } catch (IOException | RuntimeException e) {
      throw new SnapshotException("the snapshot's state is unreadable: " + e.getMessage());
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String kind : new String[] {"Nodes", "Services", "Checks", "KV entries", "Sessions"}) out.put(kind, 0);
    for (String key : content.catalog().keySet()) {
      if (key.startsWith(EntryKeys.NODE_PREFIX)) out.merge("Nodes", 1, Integer::sum);
      else if (key.startsWith(EntryKeys.SERVICE_PREFIX)) out.merge("Services", 1, Integer::sum);
      else if (key.startsWith(EntryKeys.CHECK_PREFIX)) out.merge("Checks", 1, Integer::sum);
    }
    for (String key : content.kv().keySet()) {
      String kind = KvCodec.kindOf(key);
      if (kind == null) kind = AclCodec.kindOf(key);
      if (kind != null) out.merge(kind, 1, Integer::sum);
    }
    return out;
  }

  private static byte[] part(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_PART) throw new SnapshotException("not a Consulate snapshot (a part of " + n + " bytes)");
    byte[] b = in.readNBytes(n);
    if (b.length < n) throw new EOFException();
    return b;
  }

  private static byte[] digest(byte[] meta, byte[] state) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(meta);
      sha.update(state);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
