package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What runs a node's pods: simulated containers on a hollow node, real ones on a real node.
 * The node asks it what a pod's containers do and writes the status that follows. Called on
 * the node's event loop: it must answer at once, so a runtime that blocks works elsewhere and
 * answers with what it saw last.
 */
public interface PodRuntime {

  /**
   * The containers' runs now, and when they change by themselves next (null: not alone).
   *
   * @param stopped for a pod being deleted: its containers have all ended and what the node
   *                held for it is freed, so the pod may go
   * @param failedMount why the pod's volumes are not mounted yet, once it waited for them as long
   *                as the kubelet does before saying so ({@code FailedMount}); else null
   */
  record Observed(PodStatusMaker.Runs runs, Instant nextChange, boolean stopped, String failedMount) {

    public Observed(PodStatusMaker.Runs runs, Instant nextChange, boolean stopped) {
      this(runs, nextChange, stopped, null);
    }

    /** Runs that end at once when the pod is stopped, as simulated ones do. */
    public Observed(PodStatusMaker.Runs runs, Instant nextChange) {
      this(runs, nextChange, runs.stopping());
    }
  }

  /**
   * @param start  when the node started the pod (its {@code status.startTime})
   * @param stopAt when the node stopped its containers because it is being deleted, or null
   */
  Observed observe(JsonNode pod, String hostIp, String podIp, Instant start, Instant now,
      Instant stopAt);

  /**
   * The pod of {@code uid} left the node (deleted, or bound elsewhere): whatever still runs of
   * it is stopped and what it held is freed. Returns at once; the work may go on after.
   */
  default void forget(String uid) {}

  /**
   * Whether the runtime records the Events of what it does to containers itself (Pulled,
   * Created, Started, Killing), as a real one does at the moment it acts; else the node makes
   * them up from the statuses it writes, as for simulated containers.
   */
  default boolean recordsContainerEvents() {
    return false;
  }
}
