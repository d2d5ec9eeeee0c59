package io.logplane.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import io.logplane.scheduler.internal.Algorithm;
import io.logplane.scheduler.internal.EventRecorder;
import io.logplane.scheduler.internal.Nominator;
import io.logplane.scheduler.internal.Pdb;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.PodStatusWrites;
import io.logplane.scheduler.internal.Preemption;
import io.logplane.scheduler.internal.QueuedPod;
import io.logplane.scheduler.internal.SchedulerCache;
import io.logplane.scheduler.internal.SchedulingQueue;
import io.logplane.scheduler.internal.Victims;
import io.logplane.scheduler.internal.VolumeBinding;
import io.logplane.scheduler.internal.plugins.Cycle;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The scheduler, step-driven: the informers' changes keep its cache and queue ({@link #onPod},
 * {@link #onNode}); each {@link #scheduleOne} takes the next pod, finds it a node, assumes it
 * there and starts its bind without waiting for it, so many binds are in flight. A failed bind
 * forgets the pod and queues it again. A pod no node takes may preempt pods of lower priority
 * (kube's DefaultPreemption): it is nominated to the node, the victims are deleted, and it waits
 * in the queue until they are gone. Whoever drives the steps (the verticle's loop, a test) owns
 * the thread.
 */
public final class Scheduler {

  public static final String PODS = "core/pods/";
  public static final String NODES = "core/nodes/";
  public static final String PDBS = "policy/poddisruptionbudgets/";
  /**
   * Binds in flight at most: many, so no pod waits for another's round trip, but a bounded
   * share of the write path's push-back limit (10,000 records of lag), so binds are not refused.
   */
  public static final int MAX_BINDS_IN_FLIGHT = 1_000;

  private final Informer pods;
  private final Informer pdbs;
  private final Informers informers;
  private final ObjectWriter writer;
  private final LongSupplier clock;
  private final Random random;
  private final SchedulerCache cache = new SchedulerCache();
  private final Nominator nominator = new Nominator();
  private final PodStatusWrites statuses;
  private final SchedulingQueue queue;
  private final Algorithm algorithm;
  private final EventRecorder events;
  private final AtomicInteger bindsInFlight = new AtomicInteger();
  private final AtomicInteger bound = new AtomicInteger();

  /** @param clock milliseconds now, of the queue's backoffs and the events' times */
  public Scheduler(Informers informers, ObjectWriter writer, LongSupplier clock, Random random) {
    this.pods = informers.informer(PODS);
    this.pdbs = informers.informer(PDBS);
    this.informers = informers;
    this.writer = writer;
    this.clock = clock;
    this.random = random;
    this.statuses = new PodStatusWrites(writer, clock);
    this.queue = new SchedulingQueue(clock);
    this.algorithm = new Algorithm(random);
    this.events = new EventRecorder(writer, clock, 500, 50);
  }

  /** Follows the pods and nodes of the informers (the current ones at once); returns how to stop. */
  public Runnable follow(Informers informers) {
    Informer nodes = informers.informer(NODES);
    Informer.Handler onNode = this::onNode;
    Informer.Handler onPod = this::onPod;
    nodes.addHandler(onNode);
    pods.addHandler(onPod);
    // a claim made or bound, a volume provisioned: pods waiting for them may fit now
    Informer.Handler onVolume = (key, old, now) -> {
      if (now != null) {
        queue.moveAllToActive();
      }
    };
    Informer claims = informers.informer(VolumeBinding.CLAIMS);
    Informer volumes = informers.informer(VolumeBinding.VOLUMES);
    claims.addHandler(onVolume);
    volumes.addHandler(onVolume);
    return () -> {
      claims.removeHandler(onVolume);
      volumes.removeHandler(onVolume);
      pods.removeHandler(onPod);
      nodes.removeHandler(onNode);
      wake();
    };
  }

  public void onNode(String key, ObjectNode old, ObjectNode now) {
    if (now == null) {
      cache.removeNode(Key.parse(key).name());
    } else if (cache.updateNode(now)) {
      queue.moveAllToActive();
    }
  }

  public void onPod(String key, ObjectNode old, ObjectNode now) {
    if (now == null) {
      queue.delete(key);
      nominator.remove(key);
      events.forget(key);
      if (old != null && cache.removePod(Metadata.uid(old))) {
        queue.moveAllToActive();
      }
      return;
    }
    PodInfo pod = new PodInfo(key, now);
    if (!pod.nodeName.isEmpty()) {
      queue.delete(key);
      nominator.remove(key);
      if (cache.updatePod(pod) && pod.terminal) {
        queue.moveAllToActive();
      }
    } else if (pod.toSchedule()) {
      if (!cache.isAssumed(pod.uid)) {
        nominator.update(pod);
        queue.add(pod);
      }
    } else {
      queue.delete(key);
      nominator.remove(key);
    }
  }

  /** Schedules the next due pod; false when none is due or too many binds are in flight. */
  public boolean scheduleOne() {
    if (bindsInFlight.get() >= MAX_BINDS_IN_FLIGHT) {
      return false;
    }
    QueuedPod next = queue.pop();
    if (next == null) {
      return false;
    }
    PodInfo pod = next.info();
    VolumeBinding.Plan volumes = pod.claims.isEmpty() ? null
        : VolumeBinding.plan(pod, this::lookup, () -> informers.informer(VolumeBinding.VOLUMES).list());
    Attempt attempt;
    try {
      attempt = cache.read(nodes -> {
        Cycle cycle = new Cycle(pod, nodes, cache.placedPodsHaveAffinity(), nominator)
            .rememberingStaticAnswers(cache.staticAnswers(pod)).withVolumes(volumes);
        Algorithm.Result r = volumes != null && volumes.rejection() != null
            ? Algorithm.rejected(cycle, volumes.rejection()) : algorithm.schedule(cycle);
        if (r.node() != null) {
          cache.assume(pod, r.node());
          nominator.remove(pod.key);
          return new Attempt(r, null, volumes == null ? null : VolumeBinding.decide(volumes,
              nodes.stream().filter(n -> n.name.equals(r.node())).findFirst().orElseThrow()));
        }
        if (r.failure() == null) {
          return new Attempt(r, null, null); // no nodes: nothing to preempt
        }
        List<Pdb> budgets = Pdb.of(pdbs.list());
        return new Attempt(r, Preemption.preempt(cycle, r.statuses(), budgets, random.nextInt(Integer.MAX_VALUE),
            clock.getAsLong()), null);
      });
    } catch (RuntimeException e) {
      queue.failed(next, false); // an error, not the nodes': retried after its backoff
      throw e;
    }
    if (attempt.result().node() == null) {
      queue.failed(next, true);
      unschedulable(pod, attempt);
      return true;
    }
    queue.done(next);
    bind(pod, attempt.result().node(), next.attempts(), attempt.volumes());
    return true;
  }

  /** An object of the volume kinds the scheduler follows, by key, or null. */
  private ObjectNode lookup(String key) {
    String prefix = key.substring(0, key.indexOf('/', key.indexOf('/') + 1) + 1);
    return informers.informer(prefix).get(key);
  }

  /**
   * A cycle's outcome: the algorithm's result and, when no node took the pod, what preemption
   * decided; when one did, what binding the pod's delayed claims there takes (null: nothing).
   */
  private record Attempt(Algorithm.Result result, Preemption.Decision preemption, VolumeBinding.Decision volumes) {}

  /**
   * As kube's handleSchedulingFailure after PostFilter: preempts the victims chosen (if any),
   * records FailedScheduling, and writes PodScheduled=False with the pod's nomination.
   */
  private void unschedulable(PodInfo pod, Attempt attempt) {
    Preemption.Decision d = attempt.preemption();
    String message = attempt.result().message(d == null ? null : d.message());
    String nominate = null;
    if (d != null && d.candidate() != null) {
      nominate = d.candidate().node();
      preempt(pod, d.candidate());
    } else if (d != null && d.clearNomination()) {
      nominate = "";
    }
    if (nominate != null) {
      nominator.nominate(pod, nominate);
    }
    events.failed(pod, message);
    statuses.unschedulable(pod, message, nominate).exceptionally(e -> null);
  }

  /**
   * As kube's prepareCandidate: each victim gets the DisruptionTarget condition, is deleted with
   * its own grace period and gets a Preempted Event; pods of lower priority nominated to the
   * node lose their nomination, the room being the preemptor's now.
   */
  private void preempt(PodInfo preemptor, Victims.Candidate candidate) {
    String scheduler = preemptor.schedulerName.isEmpty() ? PodInfo.DEFAULT_SCHEDULER : preemptor.schedulerName;
    for (PodInfo victim : candidate.pods()) {
      statuses.disruptionTarget(victim, scheduler)
          .handle((ok, e) -> writer.delete(Key.parse(victim.key), victim.uid, null))
          .thenCompose(deleted -> deleted)
          .whenComplete((ok, e) -> {
            if (e == null) {
              events.preempted(victim, candidate.node());
            }
          });
    }
    for (PodInfo lower : nominator.below(candidate.node(), preemptor)) {
      nominator.nominate(lower, "");
      statuses.clearNomination(lower).exceptionally(e -> null);
    }
  }

  private void bind(PodInfo pod, String node, int attempts, VolumeBinding.Decision volumes) {
    bindsInFlight.incrementAndGet();
    Key key = Key.parse(pod.key);
    CompletableFuture<Void> preBind = volumes == null ? CompletableFuture.completedFuture(null)
        : VolumeBinding.preBind(writer, volumes);
    preBind.thenCompose(v -> writer.bind(key, pod.uid, node)).whenComplete((ok, error) -> {
      if (bindsInFlight.getAndDecrement() == MAX_BINDS_IN_FLIGHT) {
        synchronized (bindsInFlight) {
          bindsInFlight.notifyAll();
        }
      }
      if (error == null) {
        bound.incrementAndGet();
        events.scheduled(pod, node);
        return;
      }
      cache.forget(pod.uid);
      queue.moveAllToActive(); // the room it held is free again, as kube's handleBindingCycleError
      ObjectNode current = pods.get(pod.key);
      PodInfo latest = current == null ? null : new PodInfo(pod.key, current);
      if (latest != null && latest.uid != null && latest.uid.equals(pod.uid) && latest.toSchedule()) {
        queue.retry(latest, attempts);
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        events.failed(latest, "Binding rejected: " + cause.getMessage());
      }
    });
  }

  /** Waits (real time) until a pod may be due or a bind ends at the limit, at most maxMillis. */
  public void await(long maxMillis) throws InterruptedException {
    if (bindsInFlight.get() < MAX_BINDS_IN_FLIGHT) {
      queue.await(maxMillis);
      return;
    }
    synchronized (bindsInFlight) {
      if (bindsInFlight.get() >= MAX_BINDS_IN_FLIGHT) {
        bindsInFlight.wait(maxMillis);
      }
    }
  }

  public void wake() {
    queue.wake();
    synchronized (bindsInFlight) {
      bindsInFlight.notifyAll();
    }
  }

  public SchedulingQueue queue() {
    return queue;
  }

  public int bindsInFlight() {
    return bindsInFlight.get();
  }

  /** Binds the write path accepted so far. */
  public int bound() {
    return bound.get();
  }
}
