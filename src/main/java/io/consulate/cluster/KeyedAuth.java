package io.consulate.cluster;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Iterator;
import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.annotations.Property;
import org.jgroups.auth.AuthToken;
import org.jgroups.protocols.AUTH;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.JoinRsp;
import org.jgroups.util.MessageBatch;

/**
 * JGroups' AUTH with a token derived from the agent's {@code encrypt} key (an HMAC of a fixed label, never the
 * key): a member refuses the join or merge of a node whose token differs or is missing, and a joiner refuses a
 * coordinator that has none ({@code authenticate_coord}). It sits below {@link KeyedEncrypt}, where a join request
 * is still readable by a node with another key, so the refusal reaches the joiner; each side logs one line.
 */
public class KeyedAuth extends AUTH {
  /** Headers are keyed by protocol id: one of our own, next to {@link VerifiedRaft}'s, the same on every node. */
  private static final short PROTOCOL_ID = 1901;

  static {
    org.jgroups.conf.ClassConfigurator.addProtocol(PROTOCOL_ID, KeyedAuth.class);
  }

  @Property(description = "The id of the agent's encrypt key", exposeAsManagedAttribute = false)
  protected String key_id;

  @Override
  public void init() throws Exception {
    setAuthToken(new KeyToken(GossipKey.byId(key_id).derive("join token v1")));
    setAuthCoord(true);
    super.init();
  }

  /**
   * A join without a token at all is refused here: AUTH would refuse it too, but then log a warning of its own
   * (and, for a single message, throw); {@link #sendRejectionMessage} logs the one line.
   */
  @Override
  public Object up(Message msg) {
    return refusedWithoutToken(msg, msg.getSrc()) ? null : super.up(msg);
  }

  @Override
  public void up(MessageBatch batch) {
    for (Iterator<Message> it = batch.iterator(); it.hasNext(); ) {
      if (refusedWithoutToken(it.next(), batch.sender())) it.remove();
    }
    if (!batch.isEmpty()) super.up(batch);
  }

  private boolean refusedWithoutToken(Message msg, Address from) {
    GMS.GmsHeader gms = getGMSHeader(msg);
    if (gms == null || msg.getHeader(id) != null || !needsAuthentication(msg, gms)) return false;
    sendRejectionMessage(gms.getType(), from, Refusals.REASON);
    return true;
  }

  /**
   * AUTH reads a join response to let a refusal through unchecked; below {@link KeyedEncrypt} the payload of
   * every other response is encrypted, so: encrypted, it is an answer that must carry the token; plain, only a
   * refusal passes without it.
   */
  @Override
  protected boolean needsAuthentication(Message msg, GMS.GmsHeader hdr) {
    if (hdr.getType() != GMS.GmsHeader.JOIN_RSP) return super.needsAuthentication(msg, hdr);
    if (msg.getHeader(KeyedEncrypt.PROTOCOL_ID) != null) return true;
    JoinRsp rsp = getJoinResponse(msg);
    return rsp == null || rsp.getFailReason() == null;
  }

  /** AUTH's check, without its own warning: {@link #sendRejectionMessage} logs the one line. */
  @Override
  protected boolean handleAuthHeader(GMS.GmsHeader gms, org.jgroups.protocols.AuthHeader header, Message msg) {
    if (!needsAuthentication(msg, gms) || auth_token.authenticate(header.getToken(), msg)) return true;
    sendRejectionMessage(gms.getType(), msg.getSrc(), Refusals.REASON);
    return false;
  }

  /**
   * Refuses a join or merge request from {@code dest}, or, as the joiner, the answer of a member without the key:
   * that answer becomes a refusal, so this node's join fails as it does when a member with the key refuses it.
   */
  @Override
  protected void sendRejectionMessage(byte type, Address dest, String error_msg) {
    if (type == GMS.GmsHeader.JOIN_RSP) {
      up_prot.up(new BytesMessage(local_addr).setSrc(dest)
          .putHeader(GMS_ID, new GMS.GmsHeader(GMS.GmsHeader.JOIN_RSP)).setArray(GMS.marshal(new JoinRsp(Refusals.REASON))));
      return;
    }
    boolean request = type == GMS.GmsHeader.JOIN_REQ || type == GMS.GmsHeader.JOIN_REQ_WITH_STATE_TRANSFER
        || type == GMS.GmsHeader.MERGE_REQ;
    String who = describe(this, dest);
    Refusals.warn(request ? "refused a join from " + who + ": " + Refusals.REASON
        : "cannot merge with " + who + ": it answered without the encrypt key (" + Refusals.REASON + ")");
    super.sendRejectionMessage(type, dest, Refusals.REASON);
  }

  /** {@code name (host:port)}: the logical name and, when known, the physical address. */
  static String describe(org.jgroups.stack.Protocol at, Address a) {
    if (a == null) return "an unknown member";
    Object physical = at.down(new Event(Event.GET_PHYSICAL_ADDRESS, a));
    return physical == null ? a.toString() : a + " (" + physical + ")";
  }

  /** The token: HMAC-SHA256 of a fixed label under the encrypt key; compared in constant time. */
  public static final class KeyToken extends AuthToken {
    private byte[] value = new byte[0];

    /** For JGroups, which builds a received token by its class name. */
    public KeyToken() {}

    KeyToken(byte[] value) {
      this.value = value;
    }

    @Override
    public String getName() {
      return KeyToken.class.getName();
    }

    @Override
    public int size() {
      return Integer.BYTES + value.length;
    }

    @Override
    public boolean authenticate(AuthToken token, Message msg) {
      return token instanceof KeyToken other && value.length > 0 && MessageDigest.isEqual(value, other.value);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
      out.writeInt(value.length);
      out.write(value);
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
      int n = in.readInt();
      if (n < 0 || n > 64) throw new IOException("bad join token length " + n);
      value = new byte[n];
      in.readFully(value);
    }

    @Override
    public String toString() {
      return "KeyToken";
    }
  }
}
