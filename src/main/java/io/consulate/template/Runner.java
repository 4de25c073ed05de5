package io.consulate.template;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * consul-template's run loop. Every template is rendered against the data fetched so far; the dependencies a
 * render used are watched, those no template uses any more are dropped; a template is written only once all its
 * data has arrived and its output changed, then its command runs. One thread owns all this state; watchers
 * deliver to it. With {@code once}, the first complete render of every template is written and the run ends.
 */
public final class Runner {
  private static final Logger LOG = Logger.getLogger(Runner.class.getName());

  private record Job(TemplateSpec spec, Template template) {}

  private final ConsulClient client;
  private final boolean once;
  private final Quiescence quiescence;
  private final Map<String, String> env;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "template-loop"));
  /** Commands run one at a time off the loop, so a slow reload does not delay watching. */
  private final ExecutorService commands = Executors.newSingleThreadExecutor(r -> daemon(r, "template-command"));
  private final Map<Dependency, Object> data = new HashMap<>();
  private final Map<Dependency, Watcher> watchers = new HashMap<>();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private List<Job> jobs = List.of();
  private ScheduledFuture<?> pending;

  public Runner(ConsulClient client, boolean once, Quiescence quiescence, Map<String, String> env) {
    this.client = client;
    this.once = once;
    this.quiescence = quiescence;
    this.env = env;
  }

  /** Parses every template first (any error ends the run before anything is fetched), then runs. */
  public int run(List<TemplateSpec> specs) throws InterruptedException {
    List<Job> parsed = new ArrayList<>();
    for (TemplateSpec spec : specs) {
      try {
        parsed.add(new Job(spec, Template.parse(spec.source().toString(), Files.readString(spec.source()))));
      } catch (TemplateException e) {
        LOG.severe(e.getMessage());
        return 1;
      } catch (IOException e) {
        LOG.severe(spec.source() + ": cannot read the template: " + e);
        return 1;
      }
    }
    jobs = List.copyOf(parsed);
    loop.execute(this::render);
    try {
      return exit.get();
    } catch (java.util.concurrent.ExecutionException e) {
      return 1;
    } finally {
      loop.execute(() -> watchers.values().forEach(Watcher::stop));
      loop.shutdown();
      commands.shutdown();
      commands.awaitTermination(CommandRunner.TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }
  }

  /** Ends a watching run: {@link #run} returns 0. */
  public void stop() {
    exit.complete(0);
  }

  private void onChange(Dependency dependency, Object value) {
    data.put(dependency, value);
    if (pending != null) pending.cancel(false);
    pending = loop.schedule(this::render, quiescence.delayAfterChange(System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void render() {
    pending = null;
    quiescence.rendered();
    Set<Dependency> used = new HashSet<>();
    boolean allWritten = true;
    List<CompletableFuture<Void>> ran = new ArrayList<>();
    for (Job job : jobs) {
      Rendered r;
      try {
        r = job.template().render(data, env);
      } catch (TemplateException e) {
        fail(e.getMessage());
        return;
      }
      used.addAll(r.used());
      if (!r.complete()) {
        allWritten = false;
        continue;
      }
      try {
        if (OutputFile.write(job.spec().destination(), r.text())) {
          LOG.info(() -> "rendered " + job.spec().source() + " => " + job.spec().destination());
          if (job.spec().command() != null) ran.add(CompletableFuture.runAsync(() -> CommandRunner.run(job.spec().command()), commands));
        }
      } catch (IOException e) {
        fail(job.spec().destination() + ": cannot write: " + e);
        return;
      }
    }
    watch(used);
    if (once && allWritten) CompletableFuture.allOf(ran.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> exit.complete(0));
  }

  /** Starts watching what the templates now use and stops what they no longer use. */
  private void watch(Set<Dependency> used) {
    for (Dependency d : used) {
      watchers.computeIfAbsent(d, dep -> {
        Watcher w = new Watcher(dep, client, loop, this::onChange);
        w.start();
        return w;
      });
    }
    for (Dependency d : new ArrayList<>(watchers.keySet())) {
      if (!used.contains(d)) {
        watchers.remove(d).stop();
        data.remove(d);
      }
    }
  }

  private void fail(String message) {
    LOG.severe(message);
    exit.complete(1);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** No -wait: render as soon as data arrives. */
  public static Quiescence noWait() {
    return new Quiescence(Duration.ZERO, Duration.ZERO);
  }
}
