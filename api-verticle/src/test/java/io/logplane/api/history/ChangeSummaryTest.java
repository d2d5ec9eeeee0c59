package io.logplane.api.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import org.junit.jupiter.api.Test;

class ChangeSummaryTest {

  private static ObjectNode json(String s) {
    return Json.object(s.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void patchIsRfc6902WithoutMoveOrCopy() {
    ObjectNode a = json("{'data':{'k1':'v','k2':'v'}}");
    ObjectNode b = json("{'data':{'k3':'v','k2':'v'}}");
    ArrayNode p = ChangeSummary.patch(a, b);
    assertEquals(json("{'p':[{'op':'remove','path':'/data/k1'},{'op':'add','path':'/data/k3','value':'v'}]}")
        .get("p").toString(), sortedByOp(p));
  }

  private static String sortedByOp(ArrayNode p) {
    java.util.List<com.fasterxml.jackson.databind.JsonNode> ops = new java.util.ArrayList<>();
    p.forEach(ops::add);
    ops.sort(java.util.Comparator.comparing(o -> o.path("op").asText(), java.util.Comparator.reverseOrder()));
    ArrayNode out = Json.MAPPER.createArrayNode();
    ops.forEach(out::add);
    return out.toString();
  }

  @Test
  void patchOfAnAddedObjectStartsFromEmpty() {
    ArrayNode p = ChangeSummary.patch(null, json("{'a':1}"));
    assertEquals("[{\"op\":\"add\",\"path\":\"/a\",\"value\":1}]", p.toString());
  }

  @Test
  void summarizesReplacementsWithOldAndNewValues() {
    ObjectNode a = json("{'metadata':{'resourceVersion':'5'},'spec':{'replicas':3}}");
    ObjectNode b = json("{'metadata':{'resourceVersion':'9'},'spec':{'replicas':5}}");
    assertEquals("spec.replicas: 3 → 5", ChangeSummary.of(ChangeSummary.patch(a, b), a));
  }

  @Test
  void summarizesAddedAndRemovedKeys() {
    ObjectNode a = json("{'data':{'k1':'x'}}");
    ObjectNode b = json("{'data':{'k1':'x','k2':'y'}}");
    assertEquals("+data.k2", ChangeSummary.of(ChangeSummary.patch(a, b), a));
    assertEquals("-data.k2", ChangeSummary.of(ChangeSummary.patch(b, a), b));
  }

  @Test
  void rendersArrayIndexesAndEscapedKeys() {
    assertEquals("spec.template.spec.containers[0].image", ChangeSummary.dotted("/spec/template/spec/containers/0/image"));
    assertEquals("metadata.labels.app.kubernetes.io/name", ChangeSummary.dotted("/metadata/labels/app.kubernetes.io~1name"));
  }

  @Test
  void capsTheNumberOfTermsAndLongValues() {
    ObjectNode a = json("{'a':1,'b':1,'c':1,'d':1,'e':'short'}");
    ObjectNode b = json("{'a':2,'b':2,'c':2,'d':2,'e':'a value much longer than twenty-four characters'}");
    assertEquals("a: 1 → 2, b: 1 → 2, c: 1 → 2 (+2 more)", ChangeSummary.of(ChangeSummary.patch(a, b), a));
    ObjectNode c = json("{'e':'short'}");
    ObjectNode d = json("{'e':'a value much longer than twenty-four characters'}");
    assertEquals("e: short → a value much longer tha…", ChangeSummary.of(ChangeSummary.patch(c, d), c));
  }

  @Test
  void bookkeepingOnlyChangesSaySo() {
    ObjectNode a = json("{'metadata':{'resourceVersion':'5','managedFields':[]}}");
    ObjectNode b = json("{'metadata':{'resourceVersion':'6','managedFields':[{'manager':'x'}]}}");
    assertEquals("(metadata only)", ChangeSummary.of(ChangeSummary.patch(a, b), a));
  }

  @Test
  void rejectedAttemptsShowTheReasonAndTheWholeMessage() {
    assertEquals("Conflict", ChangeSummary.rejected("Conflict", ""));
    String m = "ConfigMap \"c\" is invalid: " + "x".repeat(100) + ": metadata.labels";
    assertEquals("Invalid: " + m, ChangeSummary.rejected("Invalid", m));
  }

  @Test
  void theLastAppliedAnnotationComesLastInAWord() {
    String la = "kubectl.kubernetes.io/last-applied-configuration";
    ObjectNode a = json("{'metadata':{'name':'x','annotations':{'" + la + "':'{\\'spec\\':3}'}},'spec':{'replicas':3}}");
    ObjectNode b = json("{'metadata':{'name':'x','annotations':{'" + la + "':'{\\'spec\\':5}'}},'spec':{'replicas':5}}");
    assertEquals("spec.replicas: 3 → 5; last-applied-configuration updated",
        ChangeSummary.of(ChangeSummary.patch(a, b), a));
    ObjectNode none = json("{'metadata':{'name':'x'},'spec':{'replicas':3}}");
    assertEquals("+last-applied-configuration", ChangeSummary.of(ChangeSummary.patch(none, a), none));
    ObjectNode other = json("{'metadata':{'annotations':{'x':'1'}},'spec':{'replicas':3}}");
    ObjectNode both = json("{'metadata':{'annotations':{'x':'1','" + la + "':'{}'}},'spec':{'replicas':4}}");
    assertEquals("spec.replicas: 3 → 4; +last-applied-configuration",
        ChangeSummary.of(ChangeSummary.patch(other, both), other));
  }
}
