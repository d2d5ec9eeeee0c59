package io.logplane.selectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void selectsPodsByTheirFields() throws Exception {
    JsonNode scheduled = json("{\"metadata\":{\"name\":\"a\",\"namespace\":\"ns\"},"
        + "\"spec\":{\"nodeName\":\"n1\"},\"status\":{\"phase\":\"Running\",\"podIPs\":[{\"ip\":\"10.0.0.1\"}]}}");
    JsonNode pending = json("{\"metadata\":{\"name\":\"b\",\"namespace\":\"ns\"},\"status\":{\"phase\":\"Pending\"}}");
    FieldSelector unscheduled = FieldSelector.parse("Pod", "spec.nodeName=");
    assertFalse(unscheduled.matches(scheduled));
    assertTrue(unscheduled.matches(pending), "an absent field reads as the empty string");
    assertTrue(FieldSelector.parse("Pod", "status.phase!=Pending,metadata.namespace==ns").matches(scheduled));
    assertFalse(FieldSelector.parse("Pod", "status.phase!=Pending").matches(pending));
    assertTrue(FieldSelector.parse("Pod", "status.podIP=10.0.0.1").matches(scheduled));
    assertTrue(FieldSelector.parse("Pod", "spec.host=n1").matches(scheduled), "old clients' spec.host");
    assertTrue(FieldSelector.parse("Pod", "spec.hostNetwork=false").matches(pending));
  }

  @Test
  void selectsStoredEventsByTheNamesOfEitherGroup() throws Exception {
    JsonNode event = json("{\"metadata\":{\"name\":\"e\",\"namespace\":\"d\"},"
        + "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"web\"},\"reason\":\"Started\",\"type\":\"Normal\","
        + "\"source\":{},\"reportingComponent\":\"kubelet\"}");
    assertTrue(FieldSelector.parse("Event", "involvedObject.kind=Pod,involvedObject.name=web,source=kubelet")
        .matches(event), "source falls back to the reporting component");
    assertTrue(FieldSelector.parse("Event", "reportingComponent=kubelet").matches(event));
    assertTrue(FieldSelector.parse("events.k8s.io", "Event",
        "regarding.kind=Pod,regarding.name=web,reportingController=kubelet,type=Normal,metadata.namespace=d")
        .matches(event));
    assertFalse(FieldSelector.parse("events.k8s.io", "Event", "regarding.name=db").matches(event));
    assertEquals("field label not supported: source", assertThrows(SelectorException.class,
        () -> FieldSelector.parse("events.k8s.io", "Event", "source=kubelet")).getMessage());
    assertEquals("field label not supported: regarding.name", assertThrows(SelectorException.class,
        () -> FieldSelector.parse("Event", "regarding.name=web")).getMessage());
  }

  @Test
  void otherKindsSelectTheirOwnFields() throws Exception {
    assertTrue(FieldSelector.parse("Secret", "type=Opaque").matches(json("{\"type\":\"Opaque\"}")));
    assertTrue(FieldSelector.parse("Namespace", "status.phase=Active")
        .matches(json("{\"status\":{\"phase\":\"Active\"}}")));
    assertTrue(FieldSelector.parse("Node", "spec.unschedulable=false").matches(json("{\"spec\":{}}")));
    assertTrue(FieldSelector.parse("ReplicaSet", "status.replicas=0").matches(json("{}")));
    assertTrue(FieldSelector.parse("Job", "status.successful=1").matches(json("{\"status\":{\"succeeded\":1}}")));
    assertTrue(FieldSelector.parse("Widget", "metadata.name=w").matches(json("{\"metadata\":{\"name\":\"w\"}}")));
  }

  @Test
  void unsupportedFieldsFailWithTheKindsMessage() {
    assertEquals("field label not supported: spec.foo",
        assertThrows(SelectorException.class, () -> FieldSelector.parse("Pod", "spec.foo=x")).getMessage());
    assertEquals("field label not supported: metadata.namespace",
        assertThrows(SelectorException.class, () -> FieldSelector.parse("Node", "metadata.namespace=x")).getMessage());
    assertEquals("field label \"status.failed\" not supported for batchv1.Job",
        assertThrows(SelectorException.class, () -> FieldSelector.parse("Job", "status.failed=1")).getMessage());
    assertEquals("\"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
        assertThrows(SelectorException.class, () -> FieldSelector.parse("Deployment", "spec.replicas=1"))
            .getMessage());
  }

  @Test
  void badSyntaxFailsWithKubesMessage() {
    assertEquals("invalid selector: 'metadata.name'; can't understand 'metadata.name'",
        assertThrows(SelectorException.class, () -> FieldSelector.parse("Pod", "metadata.name")).getMessage());
    assertEquals("invalid field selector: invalid escape sequence: \\x",
        assertThrows(SelectorException.class, () -> FieldSelector.parse("Pod", "metadata.name=a\\x")).getMessage());
  }

  @Test
  void escapedValuesAndRequiredValues() throws Exception {
    FieldSelector s = FieldSelector.parse("ConfigMap", "metadata.name=a\\,b,metadata.namespace=ns");
    assertTrue(s.matches(json("{\"metadata\":{\"name\":\"a,b\",\"namespace\":\"ns\"}}")));
    assertEquals(Optional.of("ns"), s.requiredValue("metadata.namespace"));
    assertEquals(Optional.of("a,b"), s.requiredValue("metadata.name"));
    assertEquals(Optional.empty(), FieldSelector.parse("Pod", "metadata.name!=x").requiredValue("metadata.name"));
    assertEquals(Optional.of("n1"), FieldSelector.parse("Pod", "spec.host=n1").requiredValue("spec.nodeName"));
    assertTrue(FieldSelector.parse("Pod", "").isEverything());
    assertEquals("metadata.name=a,metadata.namespace!=b",
        FieldSelector.parse("Pod", "metadata.namespace!=b,metadata.name==a").toString());
  }
}
