package io.logplane.api.flowcontrol;

import static io.logplane.api.flowcontrol.FlowSchemaMatcherTest.exemptLevel;
import static io.logplane.api.flowcontrol.FlowSchemaMatcherTest.json;
import static io.logplane.api.flowcontrol.FlowSchemaMatcherTest.limited;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityLevelsTest {

  /** kube-apiserver 1.28's suggested and mandatory levels. */
  private static List<JsonNode> bootstrap() {
    return List.of(exemptLevel(), limited("system", 30, true), limited("leader-election", 10, true),
        limited("node-high", 40, true), limited("workload-high", 40, true), limited("workload-low", 100, true),
        limited("global-default", 20, true), limited("catch-all", 5, false));
  }

  @Test
  void dividesTheDefaultLimitAsKube() {
    PriorityLevels levels = new PriorityLevels(bootstrap());
    assertEquals(600, levels.serverConcurrencyLimit());
    assertEquals(74, levels.concurrencyLimit("system"));
    assertEquals(25, levels.concurrencyLimit("leader-election"));
    assertEquals(98, levels.concurrencyLimit("node-high"));
    assertEquals(98, levels.concurrencyLimit("workload-high"));
    assertEquals(245, levels.concurrencyLimit("workload-low"));
    assertEquals(49, levels.concurrencyLimit("global-default"));
    assertEquals(13, levels.concurrencyLimit("catch-all"));
    assertEquals(0, levels.concurrencyLimit("missing"));
    assertNull(levels.level("missing"));
  }

  @Test
  void exemptIsUnlimited() {
    PriorityLevels levels = new PriorityLevels(bootstrap());
    PriorityLevels.Level exempt = levels.level("exempt");
    assertTrue(exempt.exempt());
    assertEquals(PriorityLevels.UNLIMITED, exempt.concurrencyLimit());
    assertEquals("uid-pl-exempt", exempt.uid());
    assertFalse(levels.level("system").exempt());
    assertEquals(8, levels.all().size());
  }

  @Test
  void roundsUpAndCountsExemptShares() {
    PriorityLevels two = new PriorityLevels(List.of(limited("a", 1, true), limited("b", 2, false)), 10);
    assertEquals(4, two.concurrencyLimit("a"), "ceil(10 * 1 / 3)");
    assertEquals(7, two.concurrencyLimit("b"), "ceil(10 * 2 / 3)");
    JsonNode sharingExempt = json("""
        {"metadata": {"name": "exempt", "uid": "e"},
         "spec": {"type": "Exempt", "exempt": {"nominalConcurrencyShares": 3}}}
        """);
    PriorityLevels withExempt = new PriorityLevels(List.of(sharingExempt, limited("a", 1, true)), 100);
    assertEquals(25, withExempt.concurrencyLimit("a"), "kube counts the exempt level's shares in the sum");
  }

  @Test
  void defaultsSharesTo30() {
    JsonNode bare = json("""
        {"metadata": {"name": "bare"}, "spec": {"type": "Limited", "limited": {"limitResponse": {"type": "Reject"}}}}
        """);
    PriorityLevels levels = new PriorityLevels(List.of(bare, limited("other", 90, true)), 120);
    assertEquals(30, levels.concurrencyLimit("bare"));
    assertEquals(90, levels.concurrencyLimit("other"));
  }
}
