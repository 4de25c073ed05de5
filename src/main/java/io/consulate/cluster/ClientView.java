package io.consulate.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** A client's view of its cluster: what the server at the other end of its link last said. */
public final class ClientView implements ClusterView {
  private final LinkClient link;
  private final Member self;

  public ClientView(LinkClient link, Member self) {
    this.link = link;
    this.self = self;
  }

  /** The servers' member list; before the first one arrives, this client alone. */
  @Override
  public List<Member> members() {
    List<Member> members = link.status().members();
    return members.isEmpty() ? List.of(self) : members;
  }

  @Override
  public String leader() {
    return link.status().leader();
  }

  @Override
  public List<String> peers() {
    List<String> out = new ArrayList<>();
    for (Member m : link.status().members()) {
      if (m.server() && m.status() == Member.ALIVE) out.add(m.serverAddress());
    }
    return out;
  }

  @Override
  public boolean knownLeader() {
    return link.status().knownLeader();
  }

  @Override
  public boolean isLeader() {
    return false;
  }

  @Override
  public long lastContactMillis() {
    return link.status().lastContact();
  }

  @Override
  public CompletionStage<Void> join(String address) {
    return link.join(List.of(address));
  }

  @Override
  public CompletionStage<Void> forceLeave(String node) {
    return link.forceLeave(node);
  }

  @Override
  public CompletionStage<Void> leave() {
    return link.leave();
  }
}
