package io.consulate.local;

import io.consulate.json.filter.FilterException;
import io.consulate.json.filter.GoRegex;
import io.consulate.store.UserEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * This agent's buffer of user events: the last {@link #CAPACITY} that passed its filters, as Consul's agent keeps
 * them ({@code eventBuf}). An event with a node filter is kept only by the nodes whose name it matches; one with a
 * service filter only where a local service's ID matches (and, with a tag filter, one of that service's tags).
 * Filters are Go regular expressions, matched anywhere in the name as Go's {@code MatchString}. Events are offered
 * by the agent's own thread, never the log's: a costly filter must not stall the writes.
 */
public final class UserEvents {
  private static final Logger LOG = Logger.getLogger(UserEvents.class.getName());
  public static final int CAPACITY = 256;

  private final String nodeName;
  private final Supplier<Collection<ServiceDefinition>> services;
  private final ArrayDeque<UserEvent> ring = new ArrayDeque<>(CAPACITY);
  /** Run once on the next event kept: parked {@code /v1/event/list} queries. */
  private final List<Runnable> waiters = new ArrayList<>();

  public UserEvents(String nodeName, Supplier<Collection<ServiceDefinition>> services) {
    this.nodeName = nodeName;
    this.services = services;
  }

  /** An event applied or mirrored here: kept if it is meant for this agent. */
  public void offer(UserEvent e) {
    if (!meantForThisAgent(e)) return;
    List<Runnable> woken;
    synchronized (this) {
      if (ring.size() == CAPACITY) ring.removeFirst();
      ring.addLast(e);
      woken = new ArrayList<>(waiters);
      waiters.clear();
    }
    LOG.fine("new event: " + e.name() + " (" + e.id() + ")");
    woken.forEach(Runnable::run);
  }

  /** The kept events, oldest first. */
  public synchronized List<UserEvent> list() {
    return new ArrayList<>(ring);
  }

  /** Runs {@code waiter} once, on the thread that keeps the next event. */
  public synchronized void onNext(Runnable waiter) {
    waiters.add(waiter);
  }

  public synchronized void cancel(Runnable waiter) {
    waiters.remove(waiter);
  }

  /** Consul's {@code validateUserEventParams}: the reason a new event is refused, or null. */
  public static String invalid(String name, String nodeFilter, String serviceFilter, String tagFilter) {
    if (name.isEmpty()) return "User event missing name";
    if (!tagFilter.isEmpty() && serviceFilter.isEmpty()) return "Cannot provide tag filter without service filter";
    String[][] filters = {{"node", nodeFilter}, {"service", serviceFilter}, {"tag", tagFilter}};
    for (String[] f : filters) {
      if (f[1].isEmpty()) continue;
      try {
        GoRegex.compile(f[1]);
      } catch (FilterException e) {
        String reason = e.getMessage();
        return "Invalid " + f[0] + " filter: " + reason.substring(reason.indexOf("error parsing regexp"));
      }
    }
    return null;
  }

  /**
   * Consul's {@code shouldProcessUserEvent}: the node filter against this node's name, the service filter against
   * its local services' IDs and the tag filter against that service's tags, each a match anywhere (Go's
   * {@code MatchString}), each with a time budget: a filter is anyone's input, and every agent runs it.
   */
  private boolean meantForThisAgent(UserEvent e) {
    try {
      if (!e.nodeFilter().isEmpty() && !matcher(e.nodeFilter()).test(nodeName)) return false;
      if (e.serviceFilter().isEmpty()) return true;
      Predicate<String> service = matcher(e.serviceFilter()); // compiled once per event, not once per service
      Predicate<String> tag = e.tagFilter().isEmpty() ? null : matcher(e.tagFilter());
      for (ServiceDefinition d : services.get()) {
        if (!service.test(d.id())) continue;
        if (tag == null || d.tags().stream().anyMatch(tag)) return true;
      }
      return false;
    } catch (FilterException err) {
      LOG.warning("event '" + e.name() + "' not kept: " + err.getMessage());
      return false;
    }
  }

  /** Go's {@code MatchString} for {@code regex}, under GoRegex's time budget per match. */
  private static Predicate<String> matcher(String regex) {
    Pattern pattern = GoRegex.compile(regex);
    return s -> GoRegex.find(pattern, regex, s);
  }
}
