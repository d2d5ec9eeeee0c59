package io.logplane.launcher.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class KindResolverTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode doc(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  private static KindResolver resolver() throws Exception {
    JsonNode core = doc("{'kind':'APIGroupDiscoveryList','items':[{'metadata':{},'versions':[{'version':'v1',"
        + "'resources':[{'resource':'configmaps','singularResource':'configmap','scope':'Namespaced',"
        + "'responseKind':{'kind':'ConfigMap'},'shortNames':['cm']},{'resource':'events','singularResource':'event',"
        + "'scope':'Namespaced','responseKind':{'kind':'Event'},'shortNames':['ev']},{'resource':'namespaces',"
        + "'singularResource':'namespace','scope':'Cluster','responseKind':{'kind':'Namespace'},'shortNames':['ns']}"
        + "]}]}]}");
    JsonNode apis = doc("{'kind':'APIGroupDiscoveryList','items':[{'metadata':{'name':'apps'},'versions':["
        + "{'version':'v1','resources':[{'resource':'deployments','singularResource':'deployment',"
        + "'scope':'Namespaced','responseKind':{'kind':'Deployment'},'shortNames':['deploy']}]}]},"
        + "{'metadata':{'name':'events.k8s.io'},'versions':[{'version':'v1','resources':[{'resource':'events',"
        + "'singularResource':'event','scope':'Namespaced','responseKind':{'kind':'Event'},'shortNames':['ev']}]}]}"
        + "]}");
    return KindResolver.fromAggregated(List.of(core, apis));
  }

  @Test
  void resolvesEveryWayKubectlAccepts() throws Exception {
    KindResolver r = resolver();
    for (String w : List.of("deployments", "deployment", "Deployment", "deploy", "deployments.apps",
        "deployment.apps", "deployments.v1.apps")) {
      assertEquals("deployments.apps", r.resolve(w).qualified(), w);
    }
    assertEquals("configmaps", r.resolve("cm").qualified());
    assertEquals("core", r.resolve("cm").storageGroup());
  }

  @Test
  void theLegacyGroupWinsUnlessAGroupIsGiven() throws Exception {
    KindResolver r = resolver();
    assertEquals("", r.resolve("events").group());
    assertEquals("events.k8s.io", r.resolve("events.events.k8s.io").group());
  }

  @Test
  void knowsTheScope() throws Exception {
    assertFalse(resolver().resolve("ns").namespaced());
  }

  @Test
  void unknownKindsAreRefused() throws Exception {
    KindResolver r = resolver();
    assertThrows(IllegalArgumentException.class, () -> r.resolve("widgets"));
    assertThrows(IllegalArgumentException.class, () -> r.resolve("deployments.batch"));
    assertThrows(IllegalArgumentException.class, () -> r.resolve("deployments.v2.apps"));
  }
}
