package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The pod status writes of the scheduler, as kube-scheduler's updatePod and preemption's
 * prepareCandidate: each written at the version of the pod it was decided on (a pod changed
 * meanwhile is left to the next cycle), only when it changes something, and not waited for.
 */
public final class PodStatusWrites {

  public static final String UNSCHEDULABLE = "Unschedulable";

  private final ObjectWriter writer;
  private final LongSupplier clock;

  public PodStatusWrites(ObjectWriter writer, LongSupplier clock) {
    this.writer = writer;
    this.clock = clock;
  }

  /**
   * PodScheduled=False (Unschedulable, the FailedScheduling message) on a pod no node took, and
   * its nominated node set (or cleared with "") when nominate is not null.
   */
  public CompletableFuture<ObjectNode> unschedulable(PodInfo pod, String message, String nominate) {
    ObjectNode status = PodConditions.set(pod.pod.path("status"), "PodScheduled", "False", UNSCHEDULABLE, message,
        Metadata.time(clock.getAsLong()));
    boolean nominationChanges = nominate != null && !nominate.equals(pod.nominatedNodeName);
    if (status == null && !nominationChanges) {
      return CompletableFuture.completedFuture(null);
    }
    if (status == null) {
      status = statusOf(pod);
    }
    if (nominationChanges) {
      if (nominate.isEmpty()) {
        status.remove("nominatedNodeName");
      } else {
        status.put("nominatedNodeName", nominate);
      }
    }
    return write(pod, status);
  }

  /** Clears a pod's nominated node (a higher-priority pod took the room it was promised). */
  public CompletableFuture<ObjectNode> clearNomination(PodInfo pod) {
    if (pod.nominatedNodeName.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    ObjectNode status = statusOf(pod);
    status.remove("nominatedNodeName");
    return write(pod, status);
  }

  /** The DisruptionTarget condition on a victim of preemption, before it is deleted. */
  public CompletableFuture<ObjectNode> disruptionTarget(PodInfo victim, String preemptorScheduler) {
    ObjectNode status = PodConditions.set(victim.pod.path("status"), DisruptionTarget.TYPE, "True",
        DisruptionTarget.REASON, DisruptionTarget.message(preemptorScheduler), Metadata.time(clock.getAsLong()));
    return status == null ? CompletableFuture.completedFuture(null) : write(victim, status);
  }

  private static ObjectNode statusOf(PodInfo pod) {
    return pod.pod.get("status") instanceof ObjectNode s ? s.deepCopy() : JsonNodeFactory.instance.objectNode();
  }

  private CompletableFuture<ObjectNode> write(PodInfo pod, ObjectNode status) {
    ObjectNode next = pod.pod.deepCopy();
    next.set("status", status);
    return writer.updateStatus(new Key("core", "pods", pod.namespace, pod.name), next);
  }
}
