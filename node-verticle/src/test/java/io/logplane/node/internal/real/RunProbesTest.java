package io.logplane.node.internal.real;

import static io.logplane.node.internal.real.PodActionsTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a container's probes run and what their results make of it, on a made-up clock. */
class RunProbesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunProbes probes(String container) throws JsonProcessingException {
    return new RunProbes(JSON.readTree(container.replace('\'', '"')));
  }

  private static List<ProbeTrack.Kind> due(RunProbes p, long second) {
    return p.due(T0, T0.plusSeconds(second)).stream().map(t -> t.kind).toList();
  }

  @Test
  void withoutProbesARunIsStartedAndReady() throws Exception {
    RunProbes p = probes("{'name':'c'}");
    assertTrue(p.started());
    assertTrue(p.ready());
    assertNull(p.failed());
    assertEquals(List.of(), due(p, 100));
  }

  @Test
  void readinessStartsFailedAndPassesAfterItsSuccessThreshold() throws Exception {
    RunProbes p = probes("{'readinessProbe':{'initialDelaySeconds':5,'periodSeconds':2,"
        + "'successThreshold':2}}");
    assertFalse(p.ready());
    assertEquals(List.of(), due(p, 4), "not before the initial delay");
    assertEquals(List.of(ProbeTrack.Kind.READINESS), due(p, 5));
    p.readiness.record(true, T0.plusSeconds(5));
    assertEquals(List.of(), due(p, 6), "not before the period");
    assertFalse(p.ready(), "one success of two");
    p.readiness.record(true, T0.plusSeconds(7));
    assertTrue(p.ready());
    p.readiness.record(false, T0.plusSeconds(9));
    assertTrue(p.ready(), "one failure of the default three");
    p.readiness.record(false, T0.plusSeconds(11));
    p.readiness.record(false, T0.plusSeconds(13));
    assertFalse(p.ready());
    assertNull(p.failed(), "readiness never kills");
  }

  @Test
  void livenessWaitsForStartupAndFailsTheRunAfterItsFailureThreshold() throws Exception {
    RunProbes p = probes("{'startupProbe':{'periodSeconds':1},"
        + "'livenessProbe':{'periodSeconds':1,'failureThreshold':2}}");
    assertFalse(p.started());
    assertEquals(List.of(ProbeTrack.Kind.STARTUP), due(p, 0), "liveness waits for startup");
    p.startup.record(true, T0);
    assertTrue(p.started());
    assertEquals(List.of(ProbeTrack.Kind.LIVENESS), due(p, 1), "startup is done once passed");
    p.liveness.record(false, T0.plusSeconds(1));
    assertNull(p.failed());
    p.liveness.record(true, T0.plusSeconds(2));
    p.liveness.record(false, T0.plusSeconds(3));
    assertNull(p.failed(), "failures count in a row");
    p.liveness.record(false, T0.plusSeconds(4));
    assertEquals("liveness", p.failed());
    assertEquals(List.of(), due(p, 10), "a failed liveness probe is on hold");
  }

  @Test
  void aFailedStartupProbeFailsTheRun() throws Exception {
    RunProbes p = probes("{'startupProbe':{'failureThreshold':1}}");
    p.startup.record(false, T0);
    assertEquals("startup", p.failed());
    assertFalse(p.ready());
  }

  @Test
  void portsAreNumbersOrTheNamesOfTheContainersPorts() throws Exception {
    JsonNode c = JSON.readTree("{\"name\":\"c\",\"ports\":[{\"name\":\"http\",\"containerPort\":8080}]}");
    assertEquals(8080, Prober.port(JSON.readTree("\"http\""), c));
    assertEquals(81, Prober.port(JSON.readTree("81"), c));
    assertEquals(82, Prober.port(JSON.readTree("\"82\""), c));
  }
}
