package io.consulate.cluster;

/** Consul's errors for a request another datacenter should answer (structs.ErrNoDCPath, ErrDCNotAvailable). */
public final class DatacenterErrors {
  /** No server of that datacenter was ever seen: unknown, or not federated with this one. */
  public static final String NO_PATH = "No path to datacenter";
  /** Its servers are known but none is alive. */
  public static final String NOT_AVAILABLE = "Remote DC has no server currently reachable";
  /** A WAN join asked of an agent that is in no WAN pool (a client, or a -dev agent). */
  public static final String NOT_IN_WAN = "Must be a server to join WAN cluster";
  /** A WAN join asked of a server whose WAN port is off ({@code ports.serf_wan = -1}). */
  public static final String WAN_DISABLED = "WAN Federation is disabled";

  private DatacenterErrors() {}
}
