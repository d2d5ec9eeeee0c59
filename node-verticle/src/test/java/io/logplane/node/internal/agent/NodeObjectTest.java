package io.logplane.node.internal.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Node's status from facts a machine gives: its resources, addresses, info and conditions. */
class NodeObjectTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final NodeFacts.NodeInfo INFO = new NodeFacts.NodeInfo("mid", "uuid", "boot",
      "6.1.0", "Debian GNU/Linux 12 (bookworm)", "runc://1.1.5", "v1", "v1");

  @Test
  void theStatusHoldsTheFactsAllocatableApartFromCapacity() {
    JsonNode s = NodeObject.status(facts(NodeFacts.SUFFICIENT_MEMORY), NodeObject.JSON.createObjectNode(), T0);
    assertEquals("16009Mi", s.at("/capacity/memory").asText());
    assertEquals("15909Mi", s.at("/allocatable/memory").asText());
    assertEquals("10.0.0.5", s.at("/addresses/0/address").asText());
    assertEquals("InternalIP", s.at("/addresses/0/type").asText());
    assertEquals("boot", s.at("/nodeInfo/bootID").asText());
    assertEquals("runc://1.1.5", s.at("/nodeInfo/containerRuntimeVersion").asText());
    assertEquals("linux", s.at("/nodeInfo/operatingSystem").asText());
    assertEquals("Ready", s.at("/conditions/3/type").asText());
  }

  @Test
  void pressureThatComesIsAChangeWithANewTransitionTime() {
    JsonNode first = NodeObject.status(facts(NodeFacts.SUFFICIENT_MEMORY), NodeObject.JSON.createObjectNode(), T0);
    NodeFacts.Condition pressed = new NodeFacts.Condition("MemoryPressure", "True",
        "KubeletHasInsufficientMemory", "kubelet has insufficient memory available");
    JsonNode later = NodeObject.status(facts(pressed), first, T0.plusSeconds(30));
    assertTrue(NodeObject.changed(first, later));
    assertEquals("True", later.at("/conditions/0/status").asText());
    assertEquals("KubeletHasInsufficientMemory", later.at("/conditions/0/reason").asText());
    assertEquals(T0.plusSeconds(30).toString(), later.at("/conditions/0/lastTransitionTime").asText());
    assertEquals(T0.toString(), later.at("/conditions/3/lastTransitionTime").asText(),
        "Ready stayed True");
  }

  @Test
  void aHollowNodesFactsAreItsIdentitys() {
    NodeIdentity id = new NodeIdentity("n1", Map.of(), Map.of("cpu", "4"), "172.16.0.1",
        "10.244.0.0/24", "v1.28.7-logplane", "hollow://1.0", "os", "kernel");
    JsonNode s = NodeObject.registration(id, T0).get("status");
    assertEquals(s.get("capacity"), s.get("allocatable"));
    assertEquals("n1", s.at("/nodeInfo/machineID").asText());
    assertEquals("hollow://1.0", s.at("/nodeInfo/containerRuntimeVersion").asText());
    assertEquals("n1", s.at("/addresses/1/address").asText());
  }

  @Test
  void theStatusReportsThePortTheServerListensOnAndTheImages() {
    NodeFacts f = facts(NodeFacts.SUFFICIENT_MEMORY).withPort(41234).withImages(List.of(
        new NodeFacts.Image(List.of("docker.io/library/busybox@sha256:ab", "docker.io/library/busybox:1"), 4_500_000)));
    JsonNode s = NodeObject.status(f, NodeObject.JSON.createObjectNode(), T0);
    assertEquals(41234, s.at("/daemonEndpoints/kubeletEndpoint/Port").asInt());
    assertEquals("docker.io/library/busybox:1", s.at("/images/0/names/1").asText());
    assertEquals(4_500_000, s.at("/images/0/sizeBytes").asLong());
  }

  @Test
  void aNodeWithoutImagesReportsNoneAndTheKubeletsPort() {
    JsonNode s = NodeObject.status(facts(NodeFacts.SUFFICIENT_MEMORY), NodeObject.JSON.createObjectNode(), T0);
    assertEquals(10250, s.at("/daemonEndpoints/kubeletEndpoint/Port").asInt());
    assertTrue(s.path("images").isMissingNode(), s.toString());
  }

  private static NodeFacts facts(NodeFacts.Condition memory) {
    return new NodeFacts(Map.of("memory", "16009Mi"), Map.of("memory", "15909Mi"),
        List.of(new NodeFacts.Address("InternalIP", "10.0.0.5"), new NodeFacts.Address("Hostname", "w1")),
        INFO, List.of(memory, NodeFacts.NO_DISK_PRESSURE, NodeFacts.SUFFICIENT_PID, NodeFacts.READY));
  }
}
