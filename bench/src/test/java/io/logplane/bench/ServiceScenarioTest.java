package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service scenario's objects, and how its watches read readiness. */
class ServiceScenarioTest {

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void theDeploymentRunsTwoHttpdPodsOnTheNodeWithAReadinessFileTheBenchCanRemove()
      throws Exception {
    JsonNode d = Json.MAPPER.readTree(ServiceScenario.deployment("vm", new ServiceScenario.Options(
        null, 10, 2, "busybox:1", "Never", Duration.ofMinutes(1), false)));
    assertEquals(2, d.at("/spec/replicas").asInt());
    JsonNode pod = d.at("/spec/template/spec");
    assertEquals("vm", pod.at("/nodeSelector/kubernetes.io~1hostname").asText());
    JsonNode c = pod.at("/containers/0");
    assertEquals("busybox:1", c.path("image").asText());
    assertEquals("Never", c.path("imagePullPolicy").asText());
    assertTrue(c.at("/command/2").asText().endsWith("exec httpd -f -p 8080 -h /www"));
    assertTrue(c.at("/command/2").asText().contains("rm -f /www/ready"));
    assertEquals("/ready", c.at("/readinessProbe/httpGet/path").asText());
    assertEquals(1, c.at("/readinessProbe/periodSeconds").asInt());
    assertEquals(1, c.at("/readinessProbe/failureThreshold").asInt());
    assertEquals("metadata.name", c.at("/env/0/valueFrom/fieldRef/fieldPath").asText());
    JsonNode s = Json.MAPPER.readTree(ServiceScenario.service());
    assertEquals(d.at("/spec/selector/matchLabels"), s.at("/spec/selector"));
    assertEquals(8080, s.at("/spec/ports/0/targetPort").asInt());
  }

  @Test
  void readinessOfPodsAndEndpoints() throws Exception {
    assertTrue(ServiceScenario.ready(json("{'status':{'conditions':[{'type':'Ready','status':'True'}]}}")));
    assertFalse(ServiceScenario.ready(json("{'status':{'conditions':[{'type':'Ready','status':'False'}]}}")));
    assertFalse(ServiceScenario.ready(json("{'status':{}}")));
    JsonNode slice = json("{'metadata':{'labels':{'kubernetes.io/service-name':'web'}},'endpoints':["
        + "{'addresses':['10.244.0.2'],'conditions':{'ready':true}},"
        + "{'addresses':['10.244.0.3'],'conditions':{'ready':false}}]}");
    assertEquals(1, ServiceScenario.readyEndpoints(List.of(slice)));
    assertFalse(new Failover.Moments("a", "10.244.0.2").sliceShowsNotReady(slice));
    assertTrue(new Failover.Moments("b", "10.244.0.3").sliceShowsNotReady(slice));
    assertTrue(new Failover.Moments("c", "10.244.0.9").sliceShowsNotReady(slice),
        "an endpoint gone from the Service's slice");
    assertFalse(new Failover.Moments("c", "10.244.0.9").sliceShowsNotReady(
        json("{'metadata':{'labels':{'kubernetes.io/service-name':'other'}},'endpoints':[]}")));
  }
}
