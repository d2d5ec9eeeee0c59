package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.real.ProbeTrack.Kind;
import io.logplane.node.internal.real.ProbeTrack.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The probes of one container run and what they say of it: started (its startup probe passed,
 * or it has none), ready (started, and its readiness probe passed or it has none), and failed
 * (its liveness or startup probe failed: it is to be killed). Pure.
 */
final class RunProbes {
  final ProbeTrack liveness;
  final ProbeTrack readiness;
  final ProbeTrack startup;

  RunProbes(JsonNode container) {
    this.liveness = ProbeTrack.of(Kind.LIVENESS, container);
    this.readiness = ProbeTrack.of(Kind.READINESS, container);
    this.startup = ProbeTrack.of(Kind.STARTUP, container);
  }

  boolean started() {
    return startup == null || startup.result() == Result.SUCCESS;
  }

  boolean ready() {
    return started() && (readiness == null || readiness.result() == Result.SUCCESS);
  }

  /** The probe that failed the run ({@code liveness} or {@code startup}), or null. */
  String failed() {
    if (liveness != null && liveness.result() == Result.FAILURE) {
      return "liveness";
    }
    return startup != null && startup.result() == Result.FAILURE ? "startup" : null;
  }

  /** The probes due now for a run started at {@code startedAt}. */
  List<ProbeTrack> due(Instant startedAt, Instant now) {
    boolean started = started();
    List<ProbeTrack> out = new ArrayList<>();
    Stream.of(startup, liveness, readiness).filter(Objects::nonNull)
        .filter(p -> p.due(startedAt, started, now)).forEach(out::add);
    return out;
  }
}
