package io.logplane.projections.policy;

import static io.logplane.projections.policy.PoliciesTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** matchConstraints and matchResources: rules, excluded rules, scopes, namespace and object selectors. */
class MatchingTest {

  private static final JsonNode LABELED_POD = json("{\"metadata\":{\"name\":\"p\",\"labels\":{\"app\":\"web\"}}}");
  private static final JsonNode PROD = json("{\"metadata\":{\"name\":\"prod\",\"labels\":{\"env\":\"prod\"}}}");

  private static Attributes pod(String operation, String subresource) {
    return Attributes.of(operation, "", "v1", "pods", "Pod", "prod", "p", operation.equals("DELETE") ? null
        : LABELED_POD, operation.equals("CREATE") ? null : LABELED_POD, null).withSubresource(subresource);
  }

  private static boolean matches(String criteria, Attributes a) {
    Matching.Result r = Matching.matches(json(criteria), a, PROD);
    assertEquals(null, r.error());
    return r.matches();
  }

  private static String rules(String operations, String resources) {
    return "{\"resourceRules\":[{\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],\"operations\":[" + operations
        + "],\"resources\":[" + resources + "]}]";
  }

  @Test
  void rulesMatchOperationsAndResourcesWithTheirSubresources() {
    assertTrue(matches(rules("\"CREATE\"", "\"pods\"") + "}", pod("CREATE", "")));
    assertFalse(matches(rules("\"CREATE\"", "\"pods\"") + "}", pod("UPDATE", "")));
    assertTrue(matches(rules("\"*\"", "\"pods\"") + "}", pod("DELETE", "")));
    assertFalse(matches(rules("\"*\"", "\"pods\"") + "}", pod("UPDATE", "status")), "pods is not pods/status");
    assertTrue(matches(rules("\"UPDATE\"", "\"pods/status\"") + "}", pod("UPDATE", "status")));
    assertTrue(matches(rules("\"UPDATE\"", "\"pods/*\"") + "}", pod("UPDATE", "status")));
    assertTrue(matches(rules("\"UPDATE\"", "\"pods/*\"") + "}", pod("UPDATE", "")),
        "as kube's: * takes no subresource too");
    assertTrue(matches(rules("\"UPDATE\"", "\"*/*\"") + "}", pod("UPDATE", "ephemeralcontainers")));
    assertTrue(matches(rules("\"UPDATE\"", "\"*\"") + "}", pod("UPDATE", "")));
    assertFalse(matches(rules("\"UPDATE\"", "\"deployments\"") + "}", pod("UPDATE", "")));
    assertFalse(matches("{\"resourceRules\":[{\"apiGroups\":[\"apps\"],\"apiVersions\":[\"*\"],\"operations\":[\"*\"],"
        + "\"resources\":[\"*\"]}]}", pod("CREATE", "")), "another group");
    assertTrue(matches("{}", pod("CREATE", "")), "no rules: every resource");
  }

  @Test
  void resourceNamesAndExcludedRulesNarrowTheMatch() {
    String named = "{\"resourceRules\":[{\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],\"operations\":[\"*\"],"
        + "\"resources\":[\"pods\"],\"resourceNames\":[\"q\"]}]}";
    assertFalse(matches(named, pod("UPDATE", "")));
    assertTrue(matches(named.replace("\"q\"", "\"p\""), pod("UPDATE", "")));
    String excluded = rules("\"*\"", "\"*\"") + ",\"excludeResourceRules\":[{\"apiGroups\":[\"\"],\"apiVersions\":"
        + "[\"v1\"],\"operations\":[\"DELETE\"],\"resources\":[\"pods\"]}]}";
    assertTrue(matches(excluded, pod("UPDATE", "")));
    assertFalse(matches(excluded, pod("DELETE", "")));
  }

  @Test
  void scopesTellNamespacedFromClusterRequestsAndANamespaceIsClusterScoped() {
    String namespaced = "{\"resourceRules\":[{\"apiGroups\":[\"*\"],\"apiVersions\":[\"*\"],\"operations\":[\"*\"],"
        + "\"resources\":[\"*\"],\"scope\":\"Namespaced\"}]}";
    String cluster = namespaced.replace("Namespaced", "Cluster");
    Attributes node = Attributes.of("CREATE", "", "v1", "nodes", "Node", "", "n", json("{\"metadata\":{}}"), null,
        null);
    Attributes namespace = Attributes.of("UPDATE", "", "v1", "namespaces", "Namespace", "prod", "prod", PROD, PROD,
        null);
    assertTrue(matches(namespaced, pod("CREATE", "")));
    assertFalse(matches(cluster, pod("CREATE", "")));
    assertTrue(matches(cluster, node));
    assertFalse(matches(namespaced, node));
    assertTrue(matches(cluster, namespace));
    assertFalse(matches(namespaced, namespace));
  }

  @Test
  void theNamespaceSelectorReadsTheNamespacesLabelsAndANamespaceItsOwn() {
    String prod = "{\"namespaceSelector\":{\"matchLabels\":{\"env\":\"prod\"}}}";
    String dev = "{\"namespaceSelector\":{\"matchLabels\":{\"env\":\"dev\"}}}";
    assertTrue(matches(prod, pod("CREATE", "")));
    assertFalse(matches(dev, pod("CREATE", "")));
    Attributes node = Attributes.of("CREATE", "", "v1", "nodes", "Node", "", "n", json("{\"metadata\":{}}"), null,
        null);
    assertTrue(matches(dev, node), "a cluster-scoped request passes every namespace selector");
    Attributes newDev = Attributes.of("CREATE", "", "v1", "namespaces", "Namespace", "", "d",
        json("{\"metadata\":{\"name\":\"d\",\"labels\":{\"env\":\"dev\"}}}"), null, null);
    assertTrue(matches(dev, newDev), "a namespace created is judged on its own labels");
    assertFalse(matches(prod, newDev));
    Matching.Result missing = Matching.matches(json(prod), pod("CREATE", ""), null);
    assertEquals("namespaces \"prod\" not found", missing.error());
  }

  @Test
  void theObjectSelectorReadsTheObjectOrTheOldObject() {
    String web = "{\"objectSelector\":{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\","
        + "\"values\":[\"web\"]}]}}";
    String db = web.replace("\"web\"", "\"db\"");
    assertTrue(matches(web, pod("CREATE", "")));
    assertTrue(matches(web, pod("DELETE", "")), "deleted: the old object's labels");
    assertFalse(matches(db, pod("UPDATE", "")));
    Attributes relabeled = Attributes.of("UPDATE", "", "v1", "pods", "Pod", "prod", "p",
        json("{\"metadata\":{\"labels\":{\"app\":\"db\"}}}"), LABELED_POD, null);
    assertTrue(matches(web, relabeled), "either object will do");
    assertTrue(matches(db, relabeled));
    String absent = "{\"objectSelector\":{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"DoesNotExist\"}]}}";
    assertFalse(matches(absent, pod("DELETE", "")), "no object matches nothing, not even DoesNotExist");
  }

  @Test
  void aBadSelectorIsAnErrorOnlyForTheResourcesMatched() {
    String bad = "{\"objectSelector\":{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"Bad\"}]},"
        + "\"resourceRules\":[{\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],\"operations\":[\"*\"],"
        + "\"resources\":[\"pods\"]}]}";
    assertEquals("Internal error occurred: \"Bad\" is not a valid label selector operator",
        Matching.matches(json(bad), pod("CREATE", ""), PROD).error());
    assertFalse(matches(bad.replace("\"pods\"", "\"services\""), pod("CREATE", "")));
  }
}
