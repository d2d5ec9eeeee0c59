package io.logplane.api.flowcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  private static List<String> names(List<ObjectNode> objects) {
    return objects.stream().map(o -> o.path("metadata").path("name").asText()).toList();
  }

  @Test
  void theMandatoryObjectsAreExemptAndCatchAllInKubesOrder() {
    assertEquals(List.of("catch-all", "exempt"), names(Bootstrap.mandatoryPriorityLevelConfigurations()));
    assertEquals(List.of("exempt", "catch-all"), names(Bootstrap.mandatoryFlowSchemas()));
  }

  @Test
  void theSuggestedObjectsAreKube128s() {
    assertEquals(List.of("system", "node-high", "leader-election", "workload-high", "workload-low", "global-default"),
        names(Bootstrap.suggestedPriorityLevelConfigurations()));
    assertEquals(List.of("system-nodes", "system-node-high", "probes", "system-leader-election",
        "workload-leader-election", "endpoint-controller", "kube-controller-manager", "kube-scheduler",
        "kube-system-service-accounts", "service-accounts", "global-default"),
        names(Bootstrap.suggestedFlowSchemas()));
  }

  @Test
  void everyObjectIsWholeAndAutoUpdated() {
    for (List<ObjectNode> list : List.of(Bootstrap.mandatoryPriorityLevelConfigurations(),
        Bootstrap.suggestedPriorityLevelConfigurations(), Bootstrap.mandatoryFlowSchemas(),
        Bootstrap.suggestedFlowSchemas())) {
      for (ObjectNode o : list) {
        assertEquals("flowcontrol.apiserver.k8s.io/v1beta3", o.path("apiVersion").asText());
        assertTrue(o.path("kind").asText().equals("FlowSchema")
            || o.path("kind").asText().equals("PriorityLevelConfiguration"), o.toString());
        assertEquals("true", o.path("metadata").path("annotations").path(Bootstrap.AUTO_UPDATE_ANNOTATION).asText());
        assertTrue(o.path("spec").isObject(), o.toString());
      }
    }
  }

  @Test
  void theSpecsAreKubesValues() {
    ObjectNode catchAll = Bootstrap.mandatoryPriorityLevelConfiguration("catch-all").orElseThrow();
    assertEquals("{\"type\":\"Limited\",\"limited\":{\"nominalConcurrencyShares\":5,\"limitResponse\":"
        + "{\"type\":\"Reject\"},\"lendablePercent\":0}}", catchAll.path("spec").toString());
    ObjectNode workloadLow = Bootstrap.suggestedPriorityLevelConfigurations().get(4);
    assertEquals("{\"type\":\"Limited\",\"limited\":{\"nominalConcurrencyShares\":100,\"limitResponse\":"
        + "{\"type\":\"Queue\",\"queuing\":{\"queues\":128,\"handSize\":6,\"queueLengthLimit\":50}},"
        + "\"lendablePercent\":90}}", workloadLow.path("spec").toString());
    ObjectNode exempt = Bootstrap.mandatoryFlowSchema("exempt").orElseThrow();
    assertEquals(1, exempt.path("spec").path("matchingPrecedence").asInt());
    assertTrue(exempt.path("spec").path("distinguisherMethod").isMissingNode());
    assertEquals("system:masters", exempt.path("spec").path("rules").get(0).path("subjects").get(0).path("group")
        .path("name").asText());
    ObjectNode leader = Bootstrap.suggestedFlowSchemas().get(3);
    assertEquals("{\"priorityLevelConfiguration\":{\"name\":\"leader-election\"},\"matchingPrecedence\":100,"
        + "\"distinguisherMethod\":{\"type\":\"ByUser\"},\"rules\":[{\"subjects\":["
        + "{\"kind\":\"User\",\"user\":{\"name\":\"system:kube-controller-manager\"}},"
        + "{\"kind\":\"User\",\"user\":{\"name\":\"system:kube-scheduler\"}},"
        + "{\"kind\":\"ServiceAccount\",\"serviceAccount\":{\"namespace\":\"kube-system\",\"name\":\"*\"}}],"
        + "\"resourceRules\":[{\"verbs\":[\"get\",\"create\",\"update\"],\"apiGroups\":[\"coordination.k8s.io\"],"
        + "\"resources\":[\"leases\"],\"namespaces\":[\"*\"]}]}]}", leader.path("spec").toString());
    int[] precedences = Bootstrap.suggestedFlowSchemas().stream()
        .mapToInt(o -> o.path("spec").path("matchingPrecedence").asInt()).toArray();
    assertEquals(List.of(500, 400, 2, 100, 200, 150, 800, 800, 900, 9000, 9900),
        Arrays.stream(precedences).boxed().toList());
  }

  @Test
  void eachCallGivesFreshCopies() {
    ObjectNode first = Bootstrap.suggestedFlowSchemas().get(0);
    first.putObject("spec").put("matchingPrecedence", 7);
    ObjectNode again = Bootstrap.suggestedFlowSchemas().get(0);
    assertNotSame(first, again);
    assertEquals(500, again.path("spec").path("matchingPrecedence").asInt());
  }
}
