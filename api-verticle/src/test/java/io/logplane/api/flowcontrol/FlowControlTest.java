package io.logplane.api.flowcontrol;

import static io.logplane.api.flowcontrol.FlowSchemaMatcherTest.EVERYTHING_FOR_GROUP;
import static io.logplane.api.flowcontrol.FlowSchemaMatcherTest.NODE_GROUPS;
import static io.logplane.api.flowcontrol.FlowSchemaMatcherTest.exemptLevel;
import static io.logplane.api.flowcontrol.FlowSchemaMatcherTest.limited;
import static io.logplane.api.flowcontrol.FlowSchemaMatcherTest.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.flowcontrol.FairQueuesTest.FakeTimers;
import io.logplane.api.flowcontrol.FairQueuesTest.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowControlTest {

  private final FakeTimers timers = new FakeTimers();

  private static RequestDigest nodeGet(String node) {
    return RequestDigest.resource("system:node:" + node, NODE_GROUPS, "get", "", "pods", "", "default");
  }

  /** Two limited levels of one seat each under a server limit of 2 (or more seats for "system" with more shares). */
  private static List<JsonNode> smallLevels(int systemShares) {
    return List.of(exemptLevel(), limited("system", systemShares, true), limited("catch-all", systemShares, false));
  }

  private static List<JsonNode> smallSchemas() {
    return List.of(schema("exempt", 1, "exempt", null, EVERYTHING_FOR_GROUP.formatted("system:masters")),
        schema("system-nodes", 500, "system", "ByUser", EVERYTHING_FOR_GROUP.formatted("system:nodes")),
        schema("catch-all", 10000, "catch-all", "ByUser", EVERYTHING_FOR_GROUP.formatted("*")));
  }

  @Test
  void admitsByTheMatchedSchemaAndLevel() {
    FlowControl control = new FlowControl(timers);
    control.update(FlowSchemaMatcherTest.schemas(), FlowSchemaMatcherTest.levels());
    Outcome outcome = new Outcome();
    FlowControl.Admission admission = control.admit(nodeGet("n1"), outcome);
    assertEquals("seated", outcome.result);
    assertEquals("system-nodes", admission.flowSchema());
    assertEquals("uid-fs-system-nodes", admission.flowSchemaUid());
    assertEquals("system", admission.priorityLevel());
    assertEquals("uid-pl-system", admission.priorityLevelUid());
    assertEquals("system:node:n1", admission.flowDistinguisher());
    assertFalse(admission.exempt());
    assertEquals(1, control.executing("system"));
    admission.release();
    admission.release();
    assertEquals(0, control.executing("system"));
    assertEquals(600, control.priorityLevels().serverConcurrencyLimit());
    assertTrue(control.levels().contains("workload-low"));
  }

  @Test
  void exemptLevelsSeatAtOnce() {
    FlowControl control = new FlowControl(2, 15_000, timers);
    control.update(smallSchemas(), smallLevels(1));
    RequestDigest admin = RequestDigest.resource("root", List.of("system:masters"), "delete", "", "nodes", "", "");
    for (int i = 0; i < 50; i++) {
      Outcome outcome = new Outcome();
      FlowControl.Admission admission = control.admit(admin, outcome);
      assertEquals("seated", outcome.result);
      assertTrue(admission.exempt());
      assertEquals("uid-pl-exempt", admission.priorityLevelUid());
    }
    assertEquals(50, control.executing("exempt"));
  }

  @Test
  void failsOpenWithoutObjects() {
    FlowControl control = new FlowControl(timers);
    Outcome outcome = new Outcome();
    FlowControl.Admission admission = control.admit(nodeGet("n1"), outcome);
    assertEquals("seated", outcome.result);
    assertEquals("", admission.flowSchemaUid());
    assertEquals("", admission.priorityLevelUid());
    admission.release();
    assertNull(control.classify(nodeGet("n1")));
  }

  @Test
  void queuesTimesOutAndRejects() {
    FlowControl control = new FlowControl(2, 15_000, timers);
    control.update(smallSchemas(), smallLevels(1));
    assertEquals(1, control.priorityLevels().concurrencyLimit("system"));
    FlowControl.Admission first = control.admit(nodeGet("n1"), new Outcome());
    Outcome early = new Outcome();
    Outcome later = new Outcome();
    control.admit(nodeGet("n2"), early);
    timers.advance(10_000);
    control.admit(nodeGet("n3"), later);
    assertEquals(2, control.waiting("system"));
    timers.advance(5_000);
    assertEquals("time out", early.result);
    assertNull(later.result);
    assertEquals(1, control.waiting("system"));
    first.release();
    assertEquals("seated", later.result);
    assertEquals(0, control.waiting("system"));
    assertEquals(1, control.executing("system"));

    RequestDigest stranger = RequestDigest.resource("stranger", List.of(), "get", "", "pods", "", "web");
    Outcome one = new Outcome();
    Outcome two = new Outcome();
    FlowControl.Admission seated = control.admit(stranger, one);
    FlowControl.Admission rejected = control.admit(stranger, two);
    assertEquals("seated", one.result);
    assertEquals("concurrency limit", two.result);
    assertEquals("uid-fs-catch-all", rejected.flowSchemaUid());
    rejected.release();
    seated.release();
    assertEquals(0, control.executing("catch-all"));
  }

  @Test
  void anUnchangedLevelKeepsItsQueues() {
    FlowControl control = new FlowControl(2, 15_000, timers);
    control.update(smallSchemas(), smallLevels(1));
    FlowControl.Admission first = control.admit(nodeGet("n1"), new Outcome());
    control.update(smallSchemas(), smallLevels(1));
    Outcome second = new Outcome();
    control.admit(nodeGet("n2"), second);
    assertNull(second.result, "the seat is still taken");
    assertEquals(1, control.executing("system"));
    first.release();
    assertEquals("seated", second.result);
  }

  @Test
  void aChangedLevelDrainsItsOldQueues() {
    FlowControl control = new FlowControl(2, 15_000, timers);
    control.update(smallSchemas(), smallLevels(1));
    FlowControl.Admission old = control.admit(nodeGet("n1"), new Outcome());
    Outcome oldWaiter = new Outcome();
    FlowControl.Admission waiting = control.admit(nodeGet("n2"), oldWaiter);
    control.update(smallSchemas(), List.of(exemptLevel(), limited("system", 3, true), limited("catch-all", 1, false)));
    assertEquals(2, control.priorityLevels().concurrencyLimit("system"));
    Outcome fresh = new Outcome();
    FlowControl.Admission renewed = control.admit(nodeGet("n3"), fresh);
    assertEquals("seated", fresh.result);
    assertEquals(2, control.executing("system"), "the old seat still counts");
    assertEquals(1, control.waiting("system"));
    old.release();
    assertEquals("seated", oldWaiter.result, "the old queues drain in place");
    waiting.release();
    renewed.release();
    assertEquals(0, control.executing("system"));
    assertEquals(0, control.waiting("system"));
  }
}
