package io.consulate.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster's shared key (Consul's {@code encrypt}: 16, 24 or 32 bytes in base64, as {@code consulate keygen}
 * makes one). It is never used as is: each use gets a key of its own, derived with HKDF-Expand (RFC 5869, one
 * block of HMAC-SHA256; the key is already uniformly random, so there is no extract step), so the traffic key,
 * the join token and the client links' identity reveal nothing about each other or about the key. It prints as
 * {@code <hidden>}, so it cannot reach a log line by accident.
 */
public final class GossipKey {
  /** No key: the stacks carry no encryption and no join check. */
  public static final GossipKey NONE = new GossipKey(null);

  /** The stacks name a key by a random id ({@link #id}), so the key is never in their configuration text. */
  private static final Map<String, GossipKey> BY_ID = new ConcurrentHashMap<>();

  private final byte[] key;
  private final String id = UUID.randomUUID().toString();

  private GossipKey(byte[] key) {
    this.key = key;
  }

  /** Consul's checks and wording: base64 first, then the length; the key itself is never in the message. */
  public static GossipKey parse(String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("encrypt has invalid key: illegal base64 data");
    }
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException("encrypt has invalid key: key size must be 16, 24 or 32 bytes, not " + key.length);
    }
    return new GossipKey(key);
  }

  public boolean enabled() {
    return key != null;
  }

  /** 32 bytes for {@code purpose}, the same on every node holding this key. */
  byte[] derive(String purpose) {
    if (key == null) throw new IllegalStateException("no encrypt key");
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      hmac.update(("consulate " + purpose).getBytes(StandardCharsets.UTF_8));
      return hmac.doFinal(new byte[] {1});
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** The id a stack's protocols find this key by ({@link #byId}); registers it for the life of the JVM. */
  String id() {
    BY_ID.putIfAbsent(id, this);
    return id;
  }

  static GossipKey byId(String id) {
    GossipKey k = id == null ? null : BY_ID.get(id);
    if (k == null) throw new IllegalStateException("no encrypt key registered as " + id);
    return k;
  }

  @Override
  public String toString() {
    return enabled() ? "<hidden>" : "<none>";
  }
}
