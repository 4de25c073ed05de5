package io.consulate.cluster;

import javax.crypto.spec.SecretKeySpec;
import org.jgroups.Header;
import org.jgroups.Message;
import org.jgroups.annotations.Property;
import org.jgroups.conf.ClassConfigurator;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.JoinRsp;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;

/**
 * JGroups' SYM_ENCRYPT (AES-256-CBC, a fresh IV per message) with a key derived from the agent's {@code encrypt}
 * key, found by {@code key_id} ({@link GossipKey#id}) so the stack's text never holds it. It sits right below
 * NAKACK2, as the JGroups manual says; discovery and failure detection below it stay plain (addresses and node
 * names, no data). Above {@link KeyedAuth}, it lets up one kind of plain message: a member's refusal of this
 * node's join or merge (a JoinRsp with a reason, a rejected merge), which carries nothing but that, so a node
 * with the wrong key learns why it cannot join instead of waiting in silence.
 */
public class KeyedEncrypt extends SYM_ENCRYPT {
  private static final short GMS_ID = ClassConfigurator.getProtocolId(GMS.class);
  /** Headers are keyed by protocol id: one of our own, next to {@link VerifiedRaft}'s, the same on every node. */
  static final short PROTOCOL_ID = 1902;

  static {
    ClassConfigurator.addProtocol(PROTOCOL_ID, KeyedEncrypt.class);
  }

  @Property(description = "The id of the agent's encrypt key", exposeAsManagedAttribute = false)
  protected String key_id;

  @Override
  public void init() throws Exception {
    setSecretKey(new SecretKeySpec(GossipKey.byId(key_id).derive("gossip encryption v1"), "AES"));
    super.init();
  }

  @Override
  public Object up(Message msg) {
    return msg.getHeader(id) == null ? plain(msg) : super.up(msg);
  }

  @Override
  public void up(MessageBatch batch) {
    for (java.util.Iterator<Message> it = batch.iterator(); it.hasNext(); ) {
      Message msg = it.next();
      if (msg.getHeader(id) == null) {
        it.remove();
        plain(msg);
      }
    }
    if (!batch.isEmpty()) super.up(batch);
  }

  /** A message sent without the key: a refusal goes up, anything else is dropped (one line, not one per message). */
  private Object plain(Message msg) {
    String who = KeyedAuth.describe(this, msg.getSrc());
    if (isRefusal(msg)) {
      Refusals.warn("cannot join the cluster at " + who + ": refused (" + Refusals.REASON + ")");
      return up_prot.up(msg);
    }
    Refusals.warn("dropping messages from " + who + ", sent without the encrypt key (" + Refusals.REASON + ")");
    return null;
  }

  /** A refused join (a JoinRsp naming the reason) or a rejected merge, as JGroups' AUTH sends them. */
  static boolean isRefusal(Message msg) {
    Header h = msg.getHeader(GMS_ID);
    if (!(h instanceof GMS.GmsHeader gms)) return false;
    if (gms.getType() == GMS.GmsHeader.MERGE_RSP) return gms.isMergeRejected();
    if (gms.getType() != GMS.GmsHeader.JOIN_RSP || !msg.hasArray()) return false;
    try {
      JoinRsp rsp = Util.streamableFromBuffer(JoinRsp::new, msg.getArray(), msg.getOffset(), msg.getLength());
      return rsp.getFailReason() != null && rsp.getView() == null;
    } catch (Exception e) {
      return false;
    }
  }
}
