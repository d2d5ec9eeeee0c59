package io.logplane.node.internal.real;

import io.logplane.node.internal.agent.ContainerRun.Waiting;
import io.logplane.node.internal.runtime.Sandbox;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node keeps about one of its pods between syncs: its sandbox, the runs of each
 * container (the latest two; older ones are removed), the waiting state of containers whose
 * start failed or waits, the probes of its runs, and when the pod's readiness last changed. Touched by one sync at a
 * time.
 */
final class PodMemory {
  Sandbox sandbox;
  String ip;
  final Map<String, List<Attempt>> runs = new HashMap<>();
  final Map<String, Waiting> reasons = new HashMap<>();
  /** The probes of the running runs, by run id. */
  final Map<String, RunProbes> probes = new HashMap<>();
  /** The id of the image each container's runs were made from, by container name. */
  final Map<String, String> imageIds = new HashMap<>();
  Boolean ready;
  Instant readyChanged;
  boolean recovered;
  /** The pod was stopped for its deletion and all of it removed: its runs are final. */
  boolean stopped;
  /** Why the pod's volumes could not be set up at the last sync; null when they were. */
  String volumeError;
  /** The volume that could not be set up, and since when the pod waits for it; null when none. */
  String volumeWaiting;
  Instant volumeWaitingSince;
  /** The volumes as last set up, the pod object they were set up for, and when; null: set up at the next sync. */
  Map<String, java.nio.file.Path> volumes;
  Object volumesFor;
  Instant volumesAt;

  /** The latest run of each container. */
  Map<String, Attempt> latest() {
    Map<String, Attempt> out = new HashMap<>();
    runs.forEach((name, list) -> {
      if (!list.isEmpty()) {
        out.put(name, list.get(list.size() - 1));
      }
    });
    return out;
  }
}
