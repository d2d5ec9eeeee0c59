package io.logplane.api.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.flowcontrol.Bootstrap;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowControlDefaultsTest {

  private static ObjectNode json(String text) {
    return Json.object(text.getBytes(StandardCharsets.UTF_8));
  }

  private static ResourceType type(String resource) {
    return BuiltinResources.all().stream()
        .filter(t -> t.group().equals("flowcontrol.apiserver.k8s.io") && t.resource().equals(resource))
        .findFirst().orElseThrow();
  }

  @Test
  void aFlowSchemaMatchesAt1000AndKeepsItsDistinguisherAsGiven() {
    ObjectNode fs = json("{\"spec\":{\"priorityLevelConfiguration\":{\"name\":\"p\"}}}");
    FlowControlDefaults.flowSchema(fs);
    assertEquals("{\"priorityLevelConfiguration\":{\"name\":\"p\"},\"matchingPrecedence\":1000}",
        fs.path("spec").toString());
    ObjectNode zero = json("{\"spec\":{\"matchingPrecedence\":0,\"distinguisherMethod\":{\"type\":\"ByUser\"}}}");
    FlowControlDefaults.flowSchema(zero);
    assertEquals("{\"matchingPrecedence\":1000,\"distinguisherMethod\":{\"type\":\"ByUser\"}}",
        zero.path("spec").toString());
    ObjectNode given = json("{\"spec\":{\"matchingPrecedence\":42}}");
    FlowControlDefaults.flowSchema(given);
    assertEquals(42, given.path("spec").path("matchingPrecedence").asInt());
    ObjectNode none = json("{\"metadata\":{\"name\":\"x\"}}");
    FlowControlDefaults.flowSchema(none);
    assertEquals("{\"matchingPrecedence\":1000}", none.path("spec").toString());
  }

  @Test
  void aLimitedLevelHas30SharesLendsNoneAndQueues64By8Of50() {
    ObjectNode pl = json("{\"spec\":{\"type\":\"Limited\",\"limited\":{\"limitResponse\":{\"type\":\"Queue\","
        + "\"queuing\":{}}}}}");
    FlowControlDefaults.priorityLevel(pl);
    assertEquals("{\"limitResponse\":{\"type\":\"Queue\",\"queuing\":{\"handSize\":8,\"queues\":64,"
        + "\"queueLengthLimit\":50}},\"nominalConcurrencyShares\":30,\"lendablePercent\":0}",
        pl.path("spec").path("limited").toString());
  }

  @Test
  void givenValuesStayAndARejectingLevelGetsNoQueuing() {
    ObjectNode pl = json("{\"spec\":{\"type\":\"Limited\",\"limited\":{\"nominalConcurrencyShares\":0,"
        + "\"lendablePercent\":25,\"borrowingLimitPercent\":10,\"limitResponse\":{\"type\":\"Reject\"}}}}");
    FlowControlDefaults.priorityLevel(pl);
    assertEquals("{\"nominalConcurrencyShares\":30,\"lendablePercent\":25,\"borrowingLimitPercent\":10,"
        + "\"limitResponse\":{\"type\":\"Reject\"}}", pl.path("spec").path("limited").toString());
    ObjectNode queued = json("{\"spec\":{\"type\":\"Limited\",\"limited\":{\"nominalConcurrencyShares\":3,"
        + "\"limitResponse\":{\"type\":\"Queue\",\"queuing\":{\"queues\":7,\"handSize\":2,\"queueLengthLimit\":0}}}}}");
    FlowControlDefaults.priorityLevel(queued);
    assertEquals("{\"queues\":7,\"handSize\":2,\"queueLengthLimit\":50}",
        queued.path("spec").path("limited").path("limitResponse").path("queuing").toString());
    assertEquals(3, queued.path("spec").path("limited").path("nominalConcurrencyShares").asInt());
  }

  @Test
  void anExemptLevelsSharesAndLendablePercentAreZeroAndNothingIsAddedWhereAbsent() {
    ObjectNode pl = json("{\"spec\":{\"type\":\"Exempt\",\"exempt\":{\"lendablePercent\":null}}}");
    FlowControlDefaults.priorityLevel(pl);
    assertEquals("{\"type\":\"Exempt\",\"exempt\":{\"lendablePercent\":0,\"nominalConcurrencyShares\":0}}",
        pl.path("spec").toString());
    ObjectNode bare = json("{\"spec\":{\"type\":\"Exempt\"}}");
    FlowControlDefaults.priorityLevel(bare);
    assertEquals("{\"type\":\"Exempt\"}", bare.path("spec").toString());
    ObjectNode empty = json("{}");
    FlowControlDefaults.priorityLevel(empty);
    assertEquals("{}", empty.toString());
  }

  @Test
  void defaultsDispatchesBothKindsHere() {
    ObjectNode fs = json("{\"spec\":{}}");
    Defaults.apply(type("flowschemas"), fs);
    assertEquals(1000, fs.path("spec").path("matchingPrecedence").asInt());
    ObjectNode pl = json("{\"spec\":{\"type\":\"Limited\",\"limited\":{}}}");
    Defaults.apply(type("prioritylevelconfigurations"), pl);
    assertEquals(30, pl.path("spec").path("limited").path("nominalConcurrencyShares").asInt());
  }

  @Test
  void defaultingChangesNoBootstrapObject() {
    for (List<ObjectNode> list : List.of(Bootstrap.mandatoryFlowSchemas(), Bootstrap.suggestedFlowSchemas())) {
      for (ObjectNode o : list) {
        ObjectNode copy = o.deepCopy();
        FlowControlDefaults.flowSchema(copy);
        assertEquals(o, copy);
      }
    }
    for (List<ObjectNode> list : List.of(Bootstrap.mandatoryPriorityLevelConfigurations(),
        Bootstrap.suggestedPriorityLevelConfigurations())) {
      for (ObjectNode o : list) {
        ObjectNode copy = o.deepCopy();
        FlowControlDefaults.priorityLevel(copy);
        assertEquals(o, copy);
      }
    }
  }
}
