package io.logplane.api.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import org.junit.jupiter.api.Test;

class EventV1Test {

  private final Converter c = new EventV1();

  private static ObjectNode json(String s) {
    return Json.object(s.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aCoreEventReadsWithTheNamesOfEventsV1AndBack() {
    ObjectNode core = json("""
        {'kind':'Event','apiVersion':'v1','metadata':{'name':'web.1','namespace':'d','resourceVersion':'7'},
         'involvedObject':{'kind':'Deployment','namespace':'d','name':'web','apiVersion':'apps/v1'},
         'reason':'ScalingReplicaSet','message':'Scaled up replica set web-1 to 2',
         'source':{'component':'deployment-controller','host':'n1'},
         'firstTimestamp':'2026-01-01T00:00:00Z','lastTimestamp':'2026-01-01T00:00:01Z','count':2,'type':'Normal',
         'eventTime':null,'series':{'count':3,'lastObservedTime':'2026-01-01T00:00:02.000000Z'},
         'related':{'kind':'ReplicaSet','name':'web-1'},'action':'Scale',
         'reportingComponent':'deployment-controller','reportingInstance':'cm-0'}""");
    ObjectNode v1 = c.fromStorage(core.deepCopy());
    assertEquals(json("""
        {'kind':'Event','apiVersion':'events.k8s.io/v1',
         'metadata':{'name':'web.1','namespace':'d','resourceVersion':'7'},
         'eventTime':null,'series':{'count':3,'lastObservedTime':'2026-01-01T00:00:02.000000Z'},
         'reportingController':'deployment-controller','reportingInstance':'cm-0','action':'Scale',
         'reason':'ScalingReplicaSet',
         'regarding':{'kind':'Deployment','namespace':'d','name':'web','apiVersion':'apps/v1'},
         'related':{'kind':'ReplicaSet','name':'web-1'},'note':'Scaled up replica set web-1 to 2','type':'Normal',
         'deprecatedSource':{'component':'deployment-controller','host':'n1'},
         'deprecatedFirstTimestamp':'2026-01-01T00:00:00Z','deprecatedLastTimestamp':'2026-01-01T00:00:01Z',
         'deprecatedCount':2}"""), v1);
    assertEquals(core, c.toStorage(v1));
  }

  @Test
  void emptyFieldsOmittedInEventsV1AreLeftOutButEventTimeIsNull() {
    ObjectNode v1 = c.fromStorage(json("""
        {'kind':'Event','apiVersion':'v1','metadata':{'name':'e'},'involvedObject':{'kind':'Pod','name':'p'},
         'message':'m','reportingComponent':'','reportingInstance':'','count':0}"""));
    assertFalse(v1.has("reportingController"));
    assertFalse(v1.has("reportingInstance"));
    assertFalse(v1.has("deprecatedCount"));
    assertTrue(v1.get("eventTime").isNull());
    assertEquals("m", v1.path("note").asText());
  }
}
