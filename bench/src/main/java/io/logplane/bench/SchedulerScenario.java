package io.logplane.bench;

import io.logplane.kubeclient.ListWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Scheduling throughput end to end, in the shape of scheduler_perf's SchedulingBasic: fake
 * nodes, then pods created while the bench holds the {@code kube-scheduler} Lease (so a
 * leader-elected scheduler stands aside and finds them all pending), then the Lease released
 * and the binds counted on one watch of the pods. The headline figure is pods bound per second
 * from the first bind to the last; the time from the release to the first bind is the
 * scheduler's start. Everything made is deleted afterwards, unless {@code --keep}.
 */
final class SchedulerScenario {
  /** How long to wait for a first bind when there was no Lease to take (no scheduler?). */
  private static final Duration NO_LEASE_PATIENCE = Duration.ofSeconds(60);
  private static final Duration PROGRESS = Duration.ofSeconds(10);
  private static final Duration CLEANUP = Duration.ofMinutes(5);

  private SchedulerScenario() {}

  static void run(Plane p, String suffix) throws InterruptedException {
    Plane.Options o = p.options();
    String id = Plane.id();
    String namespace = "bench-sched-" + id;
    String podsPath = "/api/v1/namespaces/" + namespace + "/pods";
    LeaseHold lease = LeaseHold.take(p.client(), "logplane-bench-" + id, p.out());
    ListWatch watch = null;
    boolean namespaceMade = false;
    try {
      describeTake(p, lease);
      AtomicInteger nodeIndex = new AtomicInteger();
      p.report().accept(CreateThroughput.run("sched nodes" + suffix, nodeIndex::getAndIncrement,
          FakeNodes.creates(p.client(), Instant.now()), o.schedNodes(), o.clients()));
      namespaceMade = true;
      if (!p.api().namespace(namespace)) {
        p.say("scheduler: namespace %s has no default service account after 30s; creating its"
            + " pods anyway", namespace);
      }
      Duration waited = lease.awaitStandAside();
      if (!waited.isZero()) {
        p.say("scheduler: waited %.1fs more for the previous holder to stand aside",
            waited.toMillis() / 1000.0);
      }
      AtomicInteger podIndex = new AtomicInteger();
      Result pods = CreateThroughput.run("sched pods" + suffix, podIndex::getAndIncrement,
          PendingPods.creates(p.client(), namespace, PendingPods.template(namespace, "pod-")),
          o.schedPods(), o.clients());
      p.report().accept(pods);
      PodTally tally = new PodTally((int) pods.ok(), System::nanoTime);
      watch = ListWatch.start(p.client(), podsPath, "", tally);
      if (!ApiCalls.await(() -> tally.snapshot().listed(), Duration.ofSeconds(60))) {
        throw new BenchException("cannot list and watch the pods of " + namespace);
      }
      int boundBefore = tally.snapshot().bound();
      long cpuBefore = p.memory().cpuTicks();
      long released = lease.release();
      p.say("scheduler: %d pods pending in %s, Lease released; counting binds", pods.ok() - boundBefore,
          namespace);
      awaitBinds(p, lease, tally, (int) pods.ok(), released, cpuBefore, suffix, boundBefore);
      p.report().accept(p.memory().sample("sched memory" + suffix));
    } finally {
      lease.close();
      if (watch != null) {
        watch.close();
      }
      if (!o.keep()) {
        cleanUp(p, namespace, podsPath, namespaceMade);
      }
    }
  }

  private static void describeTake(Plane p, LeaseHold lease) {
    String holder = lease.liveHolderBefore();
    if (!holder.isEmpty()) {
      p.say("scheduler: took the Lease kube-system/kube-scheduler from '%s'; Logplane's scheduler"
          + " stands aside and comes back when it is released, a kube-scheduler that loses it"
          + " exits (start it after this line, or in a restart loop)", holder);
    } else {
      p.say("scheduler: took the Lease kube-system/kube-scheduler (%s)",
          lease.existed() ? "nobody held it" : "there was none: is the scheduler leader-elected?");
    }
  }

  private static void awaitBinds(Plane p, LeaseHold lease, PodTally tally, int target,
      long released, long cpuBefore, String suffix, int boundBefore) {
    Errors errors = new Errors();
    long deadline = released + p.options().schedTimeout().toNanos();
    long nextProgress = released + PROGRESS.toNanos();
    PodTally.Snapshot s = tally.snapshot();
    while (s.bound() < target) {
      long now = System.nanoTime();
      if (now > deadline) {
        errors.add("not bound", (target - s.bound()) + " pods not bound within --sched-timeout "
            + p.options().schedTimeout().toSeconds() + "s after the release");
        break;
      }
      if (s.bound() == 0 && !lease.existed() && now > released + NO_LEASE_PATIENCE.toNanos()) {
        errors.add("no scheduler", "nothing bound in " + NO_LEASE_PATIENCE.toSeconds() + "s and"
            + " there was no kube-scheduler Lease: is a scheduler running?");
        break;
      }
      if (now > nextProgress) {
        p.say("scheduler: %d/%d bound after %.0fs", s.bound(), target, Plane.seconds(released, now));
        nextProgress += PROGRESS.toNanos();
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      s = tally.snapshot();
    }
    if (boundBefore > 0) {
      p.say("scheduler: %d pods were bound while the bench held the Lease: the scheduler does not"
          + " run under leader election, so the figures include the creation", boundBefore);
    }
    long cpuAfter = p.memory().cpuTicks();
    long cpu = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
    p.report().accept(Result.of("sched bind" + suffix, s.bound(), errors, rate(s),
        Latencies.Stats.EMPTY, note(s, released, cpu)));
  }

  /** Pods bound per second from the first bind to the last. */
  static double rate(PodTally.Snapshot s) {
    return s.bound() < 2 || s.lastBind() <= s.firstBind() ? Double.NaN
        : (s.bound() - 1) / Plane.seconds(s.firstBind(), s.lastBind());
  }

  /**
   * When the binds came, and the CPU the server's processes used from the release to the
   * last bind ({@code cpuTicks} -1: not measured): steadier than the rate on a machine whose
   * speed swings, since other work slows the rate but not what the server spends on a bind.
   */
  static String note(PodTally.Snapshot s, long released, long cpuTicks) {
    if (s.bound() == 0) {
      return "nothing bound";
    }
    double last = Plane.seconds(released, s.lastBind());
    String note = String.format(java.util.Locale.ROOT, "first bind %.2fs after the release, last %.2fs"
        + " after it (%.0f/s from the release)", Plane.seconds(released, s.firstBind()), last,
        s.bound() / last);
    if (cpuTicks < 0) {
      return note;
    }
    double cpu = cpuTicks / (double) ProcFs.TICKS_PER_SECOND;
    return note + String.format(java.util.Locale.ROOT, "; server CPU %.1fs from the release to the"
        + " last bind, %.2f ms per bind", cpu, cpu * 1000 / s.bound());
  }

  private static void cleanUp(Plane p, String namespace, String podsPath, boolean namespaceMade)
      throws InterruptedException {
    long start = System.nanoTime();
    ApiCalls api = p.api();
    try {
      boolean pods = !namespaceMade
          || api.deleteAll(podsPath + "?gracePeriodSeconds=0", podsPath, CLEANUP);
      boolean ns = !namespaceMade
          || api.deleteAndAwaitGone("/api/v1/namespaces/" + namespace, CLEANUP);
      String nodes = "/api/v1/nodes?" + FakeNodes.SELECTOR;
      boolean fakes = api.deleteAll(nodes, nodes, CLEANUP);
      p.say("cleanup: %s in %.1fs", pods && ns && fakes ? "pods, namespace " + namespace
          + " and fake nodes deleted" : "still there: " + (pods ? "" : "pods ") + (ns ? ""
          : "namespace ") + (fakes ? "" : "fake nodes"), Plane.seconds(start, System.nanoTime()));
    } catch (BenchException e) {
      p.say("cleanup: failed: %s", e.getMessage());
    }
  }
}
