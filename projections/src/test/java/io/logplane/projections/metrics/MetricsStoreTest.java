package io.logplane.projections.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reports replace each other, expire when not refreshed, and list by namespace; quantities as milli-values. */
class MetricsStoreTest {

  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };
  private final MetricsStore store = new MetricsStore(clock);

  @Test
  void aReportIsServedUntilItIsNotRefreshedForTheExpiry() {
    store.putNode("n1", report("250m"));
    now = now.plus(MetricsStore.EXPIRY);
    assertEquals("250m", store.node("n1").at("/usage/cpu").asText());
    store.putNode("n1", report("300m"));
    now = now.plus(MetricsStore.EXPIRY);
    assertEquals("300m", store.node("n1").at("/usage/cpu").asText(), "the refresh started the expiry again");
    now = now.plus(Duration.ofSeconds(1));
    assertNull(store.node("n1"));
    assertEquals(List.of(), store.nodes());
  }

  @Test
  void podsListByNamespaceAndAllOfThemAndExpireOneByOne() {
    store.putPod("a", "p1", named("p1"));
    store.putPod("ab", "p2", named("p2"));
    now = now.plusSeconds(30);
    store.putPod("a", "p3", named("p3"));
    assertEquals(2, store.pods("a").size(), "namespace a, not ab");
    assertEquals(3, store.pods(null).size());
    now = now.plusSeconds(20);
    assertEquals(List.of("p3"), store.pods(null).stream().map(p -> p.at("/metadata/name").asText()).toList());
    assertNull(store.pod("a", "p1"));
  }

  @Test
  void whatIsServedIsACopy() {
    store.putNode("n1", report("1"));
    ((ObjectNode) store.node("n1").get("usage")).put("cpu", "9");
    assertEquals("1", store.node("n1").at("/usage/cpu").asText());
  }

  private static ObjectNode named(String name) {
    ObjectNode r = report("1m");
    r.putObject("metadata").put("name", name);
    return r;
  }

  private static ObjectNode report(String cpu) {
    ObjectNode r = Json.MAPPER.createObjectNode().put("kind", "NodeMetrics");
    r.putObject("usage").put("cpu", cpu).put("memory", "1Mi");
    return r;
  }
}
