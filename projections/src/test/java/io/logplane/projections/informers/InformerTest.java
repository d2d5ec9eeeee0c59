package io.logplane.projections.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The cache of one kind: changes in order, indexes that follow them, and handlers told of each. */
class InformerTest {

  private final Informer pods = new Informer("core/pods/");

  @Test
  void anIndexFollowsChangesAndDeletions() {
    pods.addIndex("node", p -> List.of(p.path("spec").path("nodeName").asText()));
    pods.apply("core/pods/a/p1", pod("p1", "n1"), 1);
    pods.apply("core/pods/a/p2", pod("p2", "n1"), 2);
    pods.apply("core/pods/a/p1", pod("p1", "n2"), 3);
    assertEquals(Set.of("p2"), names(pods.byIndex("node", "n1")));
    assertEquals(Set.of("p1"), names(pods.byIndex("node", "n2")));
    pods.apply("core/pods/a/p2", null, 4);
    assertEquals(Set.of(), names(pods.byIndex("node", "n1")));
    assertNull(pods.get("core/pods/a/p2"));
    assertEquals(4, pods.offset());
  }

  @Test
  void anIndexAddedLateCoversWhatIsHeld() {
    pods.apply("core/pods/a/p1", pod("p1", "n1"), 1);
    pods.addIndex("node", p -> List.of(p.path("spec").path("nodeName").asText()));
    assertEquals(Set.of("p1"), names(pods.byIndex("node", "n1")));
  }

  @Test
  void aHandlerHearsOfWhatIsHeldThenOfEachChange() {
    pods.apply("core/pods/a/p1", pod("p1", "n1"), 1);
    List<String> heard = new ArrayList<>();
    pods.addHandler((key, old, now) -> heard.add(key + " " + name(old) + " -> " + name(now)));
    pods.apply("core/pods/a/p1", pod("p1", "n2"), 2);
    pods.apply("core/pods/a/p1", null, 3);
    pods.apply("core/pods/a/gone", null, 4);
    assertEquals(List.of("core/pods/a/p1 null -> p1", "core/pods/a/p1 p1 -> p1", "core/pods/a/p1 p1 -> null"),
        heard);
  }

  private static String name(ObjectNode o) {
    return o == null ? "null" : o.path("metadata").path("name").asText();
  }

  private static Set<String> names(List<ObjectNode> list) {
    return list.stream().map(InformerTest::name).collect(Collectors.toSet());
  }

  private static ObjectNode pod(String name, String node) {
    return Json.object(("{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"nodeName\":\"" + node + "\"}}")
        .getBytes(StandardCharsets.UTF_8));
  }
}
