package io.logplane.api.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import org.junit.jupiter.api.Test;

class HorizontalPodAutoscalerV1Test {

  private final Converter c = new HorizontalPodAutoscalerV1();

  private static ObjectNode json(String s) {
    return Json.object(s.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void kubectlAutoscaleCpuPercentIsTheCpuUtilizationMetric() {
    ObjectNode v2 = c.toStorage(json("""
        {'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler','metadata':{'name':'web','namespace':'d'},
         'spec':{'scaleTargetRef':{'apiVersion':'apps/v1','kind':'Deployment','name':'web'},
                 'minReplicas':2,'maxReplicas':5,'targetCPUUtilizationPercentage':50}}"""));
    assertEquals(json("""
        {'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','metadata':{'name':'web','namespace':'d'},
         'spec':{'scaleTargetRef':{'apiVersion':'apps/v1','kind':'Deployment','name':'web'},'minReplicas':2,
                 'maxReplicas':5,'metrics':[{'type':'Resource','resource':{'name':'cpu',
                 'target':{'type':'Utilization','averageUtilization':50}}}]}}"""), v2);
  }

  @Test
  void aV1ObjectWithoutTargetAimsAtEightyPercentCpu() {
    ObjectNode v2 = c.toStorage(json("""
        {'metadata':{'name':'web'},'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'maxReplicas':3}}"""));
    assertEquals(80, v2.at("/spec/metrics/0/resource/target/averageUtilization").asInt());
    assertEquals("Utilization", v2.at("/spec/metrics/0/resource/target/type").asText());
    assertFalse(v2.has("status"));
  }

  @Test
  void whatV1HasNoFieldForRidesInAnnotationsAndComesBack() {
    ObjectNode stored = json("""
        {'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler',
         'metadata':{'name':'web','namespace':'d','annotations':{'team':'a'}},
         'spec':{'scaleTargetRef':{'apiVersion':'apps/v1','kind':'Deployment','name':'web'},'minReplicas':1,
           'maxReplicas':5,
           'metrics':[{'type':'Resource','resource':{'name':'memory','target':{'type':'AverageValue','averageValue':'100Mi'}}},
                      {'type':'Pods','pods':{'metric':{'name':'qps'},'target':{'type':'AverageValue','averageValue':'10'}}},
                      {'type':'Resource','resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':50}}}],
           'behavior':{'scaleUp':{'stabilizationWindowSeconds':0,'selectPolicy':'Max',
                         'policies':[{'type':'Pods','value':4,'periodSeconds':15}]},
                       'scaleDown':{'stabilizationWindowSeconds':300,'selectPolicy':'Max',
                         'policies':[{'type':'Percent','value':100,'periodSeconds':15}]}}},
         'status':{'observedGeneration':2,'lastScaleTime':'2026-01-01T00:00:00Z','currentReplicas':3,'desiredReplicas':4,
           'currentMetrics':[{'type':'Resource','resource':{'name':'cpu','current':{'averageValue':'125m','averageUtilization':125}}},
                             {'type':'Resource','resource':{'name':'memory','current':{'averageValue':'90Mi'}}}],
           'conditions':[{'type':'AbleToScale','status':'True','lastTransitionTime':'2026-01-01T00:00:00Z',
                          'reason':'ReadyForNewScale','message':'recommended size matches current size'}]}}""");
    ObjectNode v1 = c.fromStorage(stored.deepCopy());
    assertEquals("autoscaling/v1", v1.path("apiVersion").asText());
    assertEquals(50, v1.at("/spec/targetCPUUtilizationPercentage").asInt());
    assertEquals(125, v1.at("/status/currentCPUUtilizationPercentage").asInt());
    assertEquals(4, v1.at("/status/desiredReplicas").asInt());
    assertFalse(v1.path("spec").has("metrics"));
    JsonNode a = v1.at("/metadata/annotations");
    assertEquals("a", a.path("team").asText());
    assertEquals("[{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"targetAverageValue\":\"100Mi\"}},"
        + "{\"type\":\"Pods\",\"pods\":{\"metricName\":\"qps\",\"targetAverageValue\":\"10\"}}]",
        a.path(HorizontalPodAutoscalerV1.METRICS).asText());
    assertEquals("[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"currentAverageUtilization\":125,"
        + "\"currentAverageValue\":\"125m\"}},{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\","
        + "\"currentAverageValue\":\"90Mi\"}}]", a.path(HorizontalPodAutoscalerV1.CURRENT_METRICS).asText());
    assertEquals("{\"ScaleUp\":{\"StabilizationWindowSeconds\":0,\"SelectPolicy\":\"Max\",\"Policies\":"
        + "[{\"Type\":\"Pods\",\"Value\":4,\"PeriodSeconds\":15}]},\"ScaleDown\":{\"StabilizationWindowSeconds\":300,"
        + "\"SelectPolicy\":\"Max\",\"Policies\":[{\"Type\":\"Percent\",\"Value\":100,\"PeriodSeconds\":15}]}}",
        a.path(HorizontalPodAutoscalerV1.BEHAVIOR).asText());
    assertTrue(a.path(HorizontalPodAutoscalerV1.CONDITIONS).asText().contains("ReadyForNewScale"));

    // and back: the same stored object, the round-trip annotations gone
    assertEquals(stored, c.toStorage(v1));
  }

  @Test
  void roundTripAnnotationsWrittenByAClientAreNeverStored() {
    ObjectNode v2 = c.toStorage(json("""
        {'metadata':{'name':'web','annotations':{'autoscaling.alpha.kubernetes.io/conditions':'not json',
           'autoscaling.alpha.kubernetes.io/behavior':'{}'}},
         'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'maxReplicas':3,'targetCPUUtilizationPercentage':60},
         'status':{'currentReplicas':1,'desiredReplicas':1,'currentCPUUtilizationPercentage':30}}"""));
    assertFalse(v2.path("metadata").has("annotations"), v2.toString());
    assertFalse(v2.path("spec").has("behavior"), v2.toString());
    assertEquals(30, v2.at("/status/currentMetrics/0/resource/current/averageUtilization").asInt());
    assertNull(v2.path("status").get("conditions"));
  }

  @Test
  void objectAndExternalMetricsRoundTrip() {
    ObjectNode stored = json("""
        {'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','metadata':{'name':'q'},
         'spec':{'scaleTargetRef':{'kind':'Deployment','name':'q'},'minReplicas':1,'maxReplicas':9,
           'metrics':[{'type':'Object','object':{'describedObject':{'kind':'Service','name':'s','apiVersion':'v1'},
                        'target':{'type':'Value','value':'2k'},'metric':{'name':'rps'}}},
                      {'type':'External','external':{'metric':{'name':'queue','selector':{'matchLabels':{'q':'a'}}},
                        'target':{'type':'AverageValue','averageValue':'30'}}}]},
         'status':{'currentReplicas':1,'desiredReplicas':1}}""");
    ObjectNode v1 = c.fromStorage(stored.deepCopy());
    assertFalse(v1.path("spec").has("targetCPUUtilizationPercentage"));
    ObjectNode back = c.toStorage(v1);
    assertEquals(stored.path("spec"), back.path("spec"));
  }
}
