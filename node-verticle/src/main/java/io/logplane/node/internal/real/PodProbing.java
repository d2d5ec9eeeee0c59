package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.real.Attempt.State;
import io.logplane.node.internal.runtime.ContainerRuntime;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe step of a pod's sync, as the kubelet's prober: runs the probes due of the
 * containers' running runs, records an {@code Unhealthy} Event for each that fails or errors,
 * and forgets the probes of runs that no longer run. Blocking.
 */
final class PodProbing {
  private static final Logger LOG = LoggerFactory.getLogger(PodProbing.class);

  private final Prober prober;
  private final Clock clock;
  private final PodEvents events;

  PodProbing(ContainerRuntime runtime, Clock clock, PodEvents events) {
    this.prober = new Prober(runtime);
    this.clock = clock;
    this.events = events;
  }

  /** The containers whose liveness or startup probe failed, with that probe's kind. */
  Map<String, String> probe(JsonNode pod, PodMemory m) {
    Map<String, String> unhealthy = new HashMap<>();
    Set<String> running = new HashSet<>();
    for (JsonNode c : pod.path("spec").path("containers")) {
      Attempt a = m.latest().get(c.path("name").asText());
      if (a == null || a.state() != State.RUNNING) {
        continue;
      }
      running.add(a.id());
      RunProbes probes = m.probes.computeIfAbsent(a.id(), k -> new RunProbes(c));
      for (ProbeTrack p : probes.due(a.startedAt(), clock.instant())) {
        Prober.Outcome outcome;
        try {
          outcome = prober.probe(p, c, a.id(), m.ip);
        } catch (RuntimeException e) {
          LOG.info("{} probe of {} failed to run: {}", p.kind, a.id(), e.toString());
          events.warning(pod, a.name(), "Unhealthy", p.kind.title() + " probe errored: " + e.getMessage());
          outcome = null;
        }
        if (outcome != null && !outcome.passed()) {
          events.warning(pod, a.name(), "Unhealthy", p.kind.title() + " probe failed: " + outcome.output());
        }
        p.record(outcome != null && outcome.passed(), clock.instant());
      }
      if (probes.failed() != null) {
        unhealthy.put(a.name(), probes.failed());
      }
    }
    m.probes.keySet().retainAll(running);
    return unhealthy;
  }
}
