package io.consulate.cluster;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The agent's {@link Datacenters}, which it answers with before it is in a WAN pool (a server joins the pool after
 * it listens) and through the pool afterwards.
 */
public final class DatacentersRef implements Datacenters {
  private volatile Datacenters target;

  public DatacentersRef(Datacenters initial) {
    this.target = initial;
  }

  public void set(Datacenters next) {
    target = next;
  }

  @Override
  public List<String> nearestFirst() {
    return target.nearestFirst();
  }

  @Override
  public CompletionStage<ForwardedReply> forward(String dc, ForwardedRequest request, long timeoutMillis) {
    return target.forward(dc, request, timeoutMillis);
  }

  @Override
  public List<Member> wanMembers() {
    return target.wanMembers();
  }

  @Override
  public CompletionStage<Void> joinWan(String address) {
    return target.joinWan(address);
  }
}
