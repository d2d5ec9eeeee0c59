package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.PodRuntime;
import io.logplane.node.internal.runtime.ContainerRuntime;
import io.logplane.node.internal.runtime.ImageSource;
import io.logplane.node.internal.volumes.ObjectSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods of a real node, their containers run by runc: the {@link PodRuntime} of a node whose
 * pods are not simulated.
 *
 * <p>To make a real node: a {@link ContainerRuntime} over the node's {@code RuntimeConfig}
 * (after its {@code UplinkGuard} is installed), the node's {@link ImageSource}, the
 * {@code resolv.conf} its pods get (the cluster DNS and search domains), the clock, and an
 * executor whose threads may block for a pod's whole grace period (an unbounded one, or
 * Vert.x's worker pool), and where its pods' ConfigMaps and Secrets are read (an
 * {@code ApiObjects} over the node's API client); then {@code new PodWorkers(api, agent,
 * new RealPods(runtime, images, secrets, resolvConf, clock, executor, objects))} for the node's {@code NodeAgent}, fed by a watch of the
 * node's pods ({@code spec.nodeName=NAME}) as {@code Fleet} feeds hollow ones, and ticked every
 * second so that what the containers did is written in the pods' statuses.
 *
 * <p>{@link #observe} never blocks: it asks for a sync of the pod (at most one runs per pod;
 * asks made meanwhile are folded into one more) and answers with what the last sync saw, and
 * a next change a second away while the pod has something that may change, as the kubelet's
 * PLEG relists. The first answer, before any sync ended, shows every container waiting to be
 * created. A deleted pod counts as stopped once its containers ended (SIGTERM, grace period,
 * SIGKILL) and its sandbox, bundles, mounts and address were freed.
 *
 * <p>Containers outlive the agent (conmon is their parent), so a new instance over the same
 * data directory, after a clean stop or a {@code kill -9}, adopts them: a pod's first sync reads
 * its runs back from disk (same container ids, run numbers, start and end times) and starts
 * none again; {@link #removeOrphans}, after each list of the node's pods, frees those that left
 * meanwhile.
 */
public final class RealPods implements PodRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(RealPods.class);

  /** One pod: what was asked last, and what its last sync saw. */
  private static final class Entry {
    final PodMemory memory = new PodMemory();
    final AtomicBoolean queued = new AtomicBoolean();
    volatile JsonNode pod;
    volatile String hostIp;
    volatile Instant start;
    volatile boolean stopping;
    volatile boolean forgotten;
    volatile Observed seen;
  }

  /** How long a container of a pod that left the node while it was down gets to end, as the kubelet's. */
  private static final Duration ORPHAN_GRACE = Duration.ofSeconds(1);
  /** How long after a failed removal of a forgotten pod it is tried again, at first and at most. */
  private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
  private static final Duration RETRY_MOST = Duration.ofSeconds(30);

  private final PodSync sync;
  private final ContainerRuntime runtime;
  private final Executor executor;
  private final Map<String, Entry> pods = new ConcurrentHashMap<>();
  /** The uids of the pods this instance has seen and not yet freed all of. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final Object sweeping = new Object();
  private volatile java.util.function.Consumer<String> changed = uid -> {};

  /**
   * A real node whose pods read no ConfigMaps or Secrets: a container that needs one waits in
   * {@code CreateContainerConfigError}, a volume of one is never set up.
   */
  public RealPods(ContainerRuntime runtime, ImageSource images, String resolvConf, Clock clock,
      Executor executor) {
    this(runtime, images, PullSecrets.NONE, resolvConf, clock, executor, (resource, namespace, name) -> {
      throw new ObjectSource.Unavailable("this node reads no " + resource);
    });
  }

  /**
   * @param secrets the credentials of a pod's {@code imagePullSecrets}, read when an image is to be had
   * @param resolvConf the machine's {@code resolv.conf}: each pod's is made from it for its
   *                   {@code dnsPolicy} (see {@code PodResolvConf})
   * @param objects where the pods' ConfigMaps and Secrets are read: an {@code ApiObjects} over
   *                the node's API client
   */
  public RealPods(ContainerRuntime runtime, ImageSource images, PullSecrets secrets, String resolvConf,
      Clock clock, Executor executor, ObjectSource objects) {
    this(runtime, images, secrets, resolvConf, clock, executor, objects, PodEvents.NONE);
  }

  /**
   * @param events where the kubelet's Events of the containers are recorded as things are done
   *               to them (Pulling, Pulled, Created, Started, Killing, Unhealthy, FailedMount)
   */
  public RealPods(ContainerRuntime runtime, ImageSource images, PullSecrets secrets, String resolvConf,
      Clock clock, Executor executor, ObjectSource objects, PodEvents events) {
    this(runtime, images, secrets, resolvConf, PodResolvConf.CLUSTER_DNS, clock, executor, objects, events);
  }

  /** @param clusterDns the {@code kube-dns} Service's cluster IP, the name server of pods in the cluster's DNS */
  public RealPods(ContainerRuntime runtime, ImageSource images, PullSecrets secrets, String resolvConf,
      String clusterDns, Clock clock, Executor executor, ObjectSource objects, PodEvents events) {
    this.sync = new PodSync(runtime, images, secrets, new PodResolvConf(resolvConf, clusterDns), clock, objects,
        thisMachine(), events);
    this.runtime = runtime;
    this.executor = executor;
  }

  /** Its syncs record the containers' Events as they act: none is to be made up from statuses. */
  @Override
  public boolean recordsContainerEvents() {
    return true;
  }

  /** What the downward API reports as the limits of a container that sets none. */
  private static Map<String, Long> thisMachine() {
    long memory = ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    return Map.of("cpu", Runtime.getRuntime().availableProcessors() * 1000L, "memory", memory);
  }

  @Override
  public Observed observe(JsonNode pod, String hostIp, String podIp, Instant start, Instant now,
      Instant stopAt) {
    String uid = pod.path("metadata").path("uid").asText();
    known.add(uid); // before any of it is on disk: see removeOrphans
    Entry e = pods.computeIfAbsent(uid, k -> new Entry());
    e.pod = pod;
    e.hostIp = hostIp;
    e.start = start;
    e.stopping |= stopAt != null || pod.path("metadata").hasNonNull("deletionTimestamp");
    schedule(e);
    Observed seen = e.seen;
    if (seen == null) {
      return new Observed(PodSync.pending(pod, hostIp, start).runs(), now.plus(PodSync.RELIST),
          false);
    }
    boolean settled = seen.nextChange() == null && !e.queued.get();
    return new Observed(seen.runs(), settled ? null : now.plus(PodSync.RELIST), seen.stopped(),
        seen.failedMount());
  }

  @Override
  public void forget(String uid) {
    Entry e = pods.remove(uid);
    if (e == null) {
      return;
    }
    e.forgotten = true;
    executor.execute(() -> free(uid, e, RETRY_FIRST));
  }

  /**
   * Frees what the forgotten pod held; a failure is tried again after {@code retry} (doubled up
   * to {@link #RETRY_MOST} each time) for as long as the pod is not seen again, as the kubelet's
   * housekeeping keeps cleaning up an orphaned pod, rather than left to the next list's sweep.
   */
  private void free(String uid, Entry e, Duration retry) {
    synchronized (e) {
      try {
        sync.remove(e.pod, e.memory);
        if (!pods.containsKey(uid)) {
          known.remove(uid);
        }
      } catch (RuntimeException x) {
        if (pods.containsKey(uid)) {
          return; // seen again: its own syncs and removal take over
        }
        if (retry.equals(RETRY_FIRST)) {
          LOG.error("cannot free pod {}; trying again in {} s", PodActions.podName(e.pod), retry.toSeconds(), x);
        } else {
          LOG.warn("still cannot free pod {}: {}; trying again in {} s", PodActions.podName(e.pod), x.toString(),
              retry.toSeconds());
        }
        Duration doubled = retry.multipliedBy(2);
        Duration next = doubled.compareTo(RETRY_MOST) < 0 ? doubled : RETRY_MOST;
        CompletableFuture.delayedExecutor(retry.toMillis(), TimeUnit.MILLISECONDS, executor)
            .execute(() -> free(uid, e, next));
      }
    }
  }

  /**
   * After a list of the node's pods ({@code bound}: their uids): frees what is on disk of the
   * pods neither among them nor seen by this instance, which left the node (deleted, or bound
   * elsewhere) while its agent was down (a removal that failed is tried again by {@link #forget}
   * itself): their containers get a second to end, as the kubelet gives its orphaned pods, then
   * their sandbox (holder, network namespace, address, mounts, files), bundles, cgroups and logs
   * are removed. The pods still bound are adopted by their first {@link #observe}: their runs are
   * read back from disk, not started again. Returns at once; the work goes on off the caller's
   * thread, one sweep at a time.
   */
  public void removeOrphans(Set<String> bound) {
    Set<String> keep = Set.copyOf(bound);
    executor.execute(() -> {
      synchronized (sweeping) {
        // read the disk before the known uids: a pod seen is known before its sandbox is made
        for (String uid : runtime.sandboxes()) {
          if (!keep.contains(uid) && !known.contains(uid)) {
            try {
              runtime.removePodSandbox(uid, ORPHAN_GRACE);
              runtime.removePodLogs(uid);
              LOG.info("removed pod {}, gone from the node while its agent was away", uid);
            } catch (RuntimeException x) {
              LOG.error("cannot remove the orphaned pod {}; the next sweep tries again", uid, x);
            }
          }
        }
      }
    });
  }

  /**
   * Has {@code listener} told the uid of a pod each time a sync of it saw its containers change
   * (created, started, ended, ready or not), on the thread of the sync, so the node writes the
   * pod's status at once rather than on its next relist a second later. One listener.
   */
  public void whenChanged(java.util.function.Consumer<String> listener) {
    this.changed = listener;
  }

  private void schedule(Entry e) {
    if (!e.queued.compareAndSet(false, true)) {
      return; // a sync is asked for already: it will see this ask's pod
    }
    executor.execute(() -> {
      synchronized (e) {
        e.queued.set(false);
        if (e.forgotten) {
          return;
        }
        try {
          Observed before = e.seen;
          e.seen = sync.sync(e.pod, e.memory, e.hostIp, e.start, e.stopping);
          if (before == null || !before.runs().equals(e.seen.runs())
              || before.stopped() != e.seen.stopped()) {
            changed.accept(e.pod.path("metadata").path("uid").asText());
          }
        } catch (RuntimeException x) {
          LOG.error("sync of pod {} failed; tried again on the next", PodActions.podName(e.pod), x);
        }
      }
    });
  }
}
