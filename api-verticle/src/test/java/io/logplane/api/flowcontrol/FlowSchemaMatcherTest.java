package io.logplane.api.flowcontrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowSchemaMatcherTest {

  static final List<String> NODE_GROUPS = List.of("system:nodes", "system:authenticated");
  static final List<String> USER_GROUPS = List.of("system:authenticated");

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** A v1beta3 FlowSchema; distinguisher null for none. */
  static JsonNode schema(String name, int precedence, String level, String distinguisher, String rules) {
    return json("""
        {"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": "FlowSchema",
         "metadata": {"name": "%s", "uid": "uid-fs-%s"},
         "spec": {"matchingPrecedence": %d, "priorityLevelConfiguration": {"name": "%s"},
                  %s "rules": %s}}
        """.formatted(name, name, precedence, level,
        distinguisher == null ? "" : "\"distinguisherMethod\": {\"type\": \"" + distinguisher + "\"},", rules));
  }

  /** A limited v1beta3 PriorityLevelConfiguration queuing as kube's defaults, or one with type Reject. */
  static JsonNode limited(String name, int shares, boolean queue) {
    String response = queue
        ? "{\"type\": \"Queue\", \"queuing\": {\"queues\": 64, \"handSize\": 6, \"queueLengthLimit\": 50}}"
        : "{\"type\": \"Reject\"}";
    return json("""
        {"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": "PriorityLevelConfiguration",
         "metadata": {"name": "%s", "uid": "uid-pl-%s"},
         "spec": {"type": "Limited", "limited": {"nominalConcurrencyShares": %d, "lendablePercent": 0,
                  "limitResponse": %s}}}
        """.formatted(name, name, shares, response));
  }

  static JsonNode exemptLevel() {
    return json("""
        {"apiVersion": "flowcontrol.apiserver.k8s.io/v1beta3", "kind": "PriorityLevelConfiguration",
         "metadata": {"name": "exempt", "uid": "uid-pl-exempt"},
         "spec": {"type": "Exempt", "exempt": {"nominalConcurrencyShares": 0, "lendablePercent": 0}}}
        """);
  }

  static final String EVERYTHING_FOR_GROUP = """
      [{"subjects": [{"kind": "Group", "group": {"name": "%s"}}],
        "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "clusterScope": true,
                           "namespaces": ["*"]}],
        "nonResourceRules": [{"verbs": ["*"], "nonResourceURLs": ["*"]}]}]
      """;

  static List<JsonNode> levels() {
    return List.of(exemptLevel(), limited("system", 30, true), limited("leader-election", 10, true),
        limited("workload-high", 40, true), limited("workload-low", 100, true), limited("global-default", 20, true),
        limited("catch-all", 5, false));
  }

  /** A part of kube's bootstrap configuration. */
  static List<JsonNode> schemas() {
    return List.of(
        schema("exempt", 1, "exempt", null, EVERYTHING_FOR_GROUP.formatted("system:masters")),
        schema("system-nodes", 500, "system", "ByUser", EVERYTHING_FOR_GROUP.formatted("system:nodes")),
        schema("kube-controller-manager", 800, "workload-high", "ByNamespace", """
            [{"subjects": [{"kind": "User", "user": {"name": "system:kube-controller-manager"}}],
              "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "clusterScope": true,
                                 "namespaces": ["*"]}],
              "nonResourceRules": [{"verbs": ["*"], "nonResourceURLs": ["*"]}]}]
            """),
        schema("kube-system-service-accounts", 900, "workload-high", "ByNamespace", """
            [{"subjects": [{"kind": "ServiceAccount", "serviceAccount": {"namespace": "kube-system", "name": "*"}}],
              "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "clusterScope": true,
                                 "namespaces": ["*"]}]}]
            """),
        schema("endpoint-controller", 150, "workload-high", "ByUser", """
            [{"subjects": [{"kind": "ServiceAccount",
                            "serviceAccount": {"namespace": "kube-system", "name": "endpoint-controller"}}],
              "resourceRules": [{"verbs": ["create", "update"], "apiGroups": [""], "resources": ["endpoints"],
                                 "namespaces": ["*"]}]}]
            """),
        schema("probes", 2, "exempt", null, """
            [{"subjects": [{"kind": "Group", "group": {"name": "system:unauthenticated"}},
                           {"kind": "Group", "group": {"name": "system:authenticated"}}],
              "nonResourceRules": [{"verbs": ["get"], "nonResourceURLs": ["/healthz", "/readyz", "/livez"]}]}]
            """),
        schema("service-accounts", 9000, "workload-low", "ByUser", """
            [{"subjects": [{"kind": "Group", "group": {"name": "system:serviceaccounts"}}],
              "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "clusterScope": true,
                                 "namespaces": ["*"]}],
              "nonResourceRules": [{"verbs": ["*"], "nonResourceURLs": ["*"]}]}]
            """),
        schema("global-default", 9900, "global-default", "ByUser", """
            [{"subjects": [{"kind": "Group", "group": {"name": "system:unauthenticated"}},
                           {"kind": "Group", "group": {"name": "system:authenticated"}}],
              "resourceRules": [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "clusterScope": true,
                                 "namespaces": ["*"]}],
              "nonResourceRules": [{"verbs": ["*"], "nonResourceURLs": ["*"]}]}]
            """),
        schema("catch-all", 10000, "catch-all", "ByUser", EVERYTHING_FOR_GROUP.formatted("*")));
  }

  private final FlowSchemaMatcher matcher = new FlowSchemaMatcher(schemas(), levels());

  private static RequestDigest get(String user, List<String> groups, String resource, String namespace) {
    return RequestDigest.resource(user, groups, "get", "", resource, "", namespace);
  }

  @Test
  void lowerPrecedenceWins() {
    FlowSchemaMatcher.Match m = matcher.match(get("system:node:n1", NODE_GROUPS, "pods", "default"));
    assertEquals(new FlowSchemaMatcher.Match("system-nodes", "uid-fs-system-nodes", "system", "uid-pl-system",
        "system:node:n1"), m);
    List<String> admin = List.of("system:masters", "system:nodes", "system:authenticated");
    assertEquals("exempt", matcher.match(get("admin", admin, "pods", "default")).flowSchema());
    assertEquals("global-default", matcher.match(get("alice", USER_GROUPS, "pods", "default")).flowSchema());
    assertEquals(List.of("exempt", "probes", "endpoint-controller", "system-nodes", "kube-controller-manager",
        "kube-system-service-accounts", "service-accounts", "global-default", "catch-all"), matcher.order());
  }

  @Test
  void nameBreaksTies() {
    List<JsonNode> all = new ArrayList<>();
    all.add(schema("b-second", 500, "workload-low", null, EVERYTHING_FOR_GROUP.formatted("system:nodes")));
    all.add(schema("a-first", 500, "workload-high", null, EVERYTHING_FOR_GROUP.formatted("system:nodes")));
    FlowSchemaMatcher tie = new FlowSchemaMatcher(all, levels());
    assertEquals("a-first", tie.match(get("system:node:n1", NODE_GROUPS, "pods", "default")).flowSchema());
    assertEquals(List.of("a-first", "b-second"), tie.order());
  }

  @Test
  void userSubjects() {
    RequestDigest kcm = get("system:kube-controller-manager", USER_GROUPS, "deployments", "web");
    assertEquals("kube-controller-manager", matcher.match(kcm).flowSchema());
    JsonNode any = json("{\"kind\": \"User\", \"user\": {\"name\": \"*\"}}");
    assertTrue(FlowSchemaMatcher.matchesSubject(any, get("whoever", List.of(), "pods", "a")));
    JsonNode bob = json("{\"kind\": \"User\", \"user\": {\"name\": \"bob\"}}");
    assertFalse(FlowSchemaMatcher.matchesSubject(bob, get("alice", List.of(), "pods", "a")));
  }

  @Test
  void groupSubjects() {
    JsonNode nodes = json("{\"kind\": \"Group\", \"group\": {\"name\": \"system:nodes\"}}");
    assertTrue(FlowSchemaMatcher.matchesSubject(nodes, get("system:node:n1", NODE_GROUPS, "pods", "a")));
    assertFalse(FlowSchemaMatcher.matchesSubject(nodes, get("system:node:n1", USER_GROUPS, "pods", "a")));
    JsonNode any = json("{\"kind\": \"Group\", \"group\": {\"name\": \"*\"}}");
    assertTrue(FlowSchemaMatcher.matchesSubject(any, get("x", List.of(), "pods", "a")));
  }

  @Test
  void serviceAccountSubjects() {
    List<String> sa = List.of("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated");
    RequestDigest update = RequestDigest.resource("system:serviceaccount:kube-system:endpoint-controller", sa,
        "update", "", "endpoints", "", "default");
    assertEquals("endpoint-controller", matcher.match(update).flowSchema());
    RequestDigest list = get("system:serviceaccount:kube-system:endpoint-controller", sa, "endpoints", "default");
    assertEquals("kube-system-service-accounts", matcher.match(list).flowSchema());
    assertEquals("default", matcher.match(list).flowDistinguisher());
    JsonNode all = json("""
        {"kind": "ServiceAccount", "serviceAccount": {"namespace": "kube", "name": "*"}}
        """);
    assertTrue(FlowSchemaMatcher.matchesSubject(all, get("system:serviceaccount:kube:x", sa, "pods", "a")));
    assertFalse(FlowSchemaMatcher.matchesSubject(all, get("system:serviceaccount:kube-system:x", sa, "pods", "a")));
    assertFalse(FlowSchemaMatcher.matchesSubject(all, get("kube:x", sa, "pods", "a")));
    RequestDigest other = get("system:serviceaccount:web:builder", sa, "pods", "web");
    assertEquals("service-accounts", matcher.match(other).flowSchema());
  }

  @Test
  void resourceAndNonResourceRules() {
    RequestDigest healthz = RequestDigest.nonResource("alice", USER_GROUPS, "get", "/healthz");
    assertEquals("probes", matcher.match(healthz).flowSchema());
    assertEquals("probes", matcher.match(RequestDigest.nonResource("alice", USER_GROUPS, "get", "/healthz/etcd"))
        .flowSchema());
    assertEquals("global-default", matcher.match(RequestDigest.nonResource("alice", USER_GROUPS, "post", "/healthz"))
        .flowSchema());
    assertEquals("global-default", matcher.match(RequestDigest.nonResource("alice", USER_GROUPS, "get", "/healthzz"))
        .flowSchema());
    RequestDigest saHealthz = RequestDigest.nonResource("system:serviceaccount:kube-system:x",
        List.of("system:serviceaccounts"), "get", "/metrics");
    assertEquals("service-accounts", matcher.match(saHealthz).flowSchema(),
        "kube-system-service-accounts has no nonResourceRules");
    JsonNode urls = json("[\"/apis/*\", \"/version\"]");
    assertTrue(FlowSchemaMatcher.matchesUrl(urls, "/apis/apps/v1"));
    assertTrue(FlowSchemaMatcher.matchesUrl(urls, "/version"));
    assertFalse(FlowSchemaMatcher.matchesUrl(urls, "/apis"));
    assertFalse(FlowSchemaMatcher.matchesUrl(urls, "/api/v1"));
  }

  @Test
  void namespacesAndClusterScope() {
    String rules = """
        [{"subjects": [{"kind": "Group", "group": {"name": "system:authenticated"}}],
          "resourceRules": [{"verbs": ["get", "list"], "apiGroups": ["", "apps"], "resources": ["pods", "pods/log"],
                             "namespaces": ["*"]},
                            {"verbs": ["*"], "apiGroups": ["*"], "resources": ["configmaps"],
                             "namespaces": ["kube-system"]},
                            {"verbs": ["*"], "apiGroups": ["*"], "resources": ["nodes"], "clusterScope": true}]}]
        """;
    JsonNode s = schema("reads", 100, "workload-low", null, rules);
    assertTrue(FlowSchemaMatcher.matches(s, get("a", USER_GROUPS, "pods", "web")));
    assertFalse(FlowSchemaMatcher.matches(s, get("a", USER_GROUPS, "pods", "")), "'*' is no cluster scope");
    assertTrue(FlowSchemaMatcher.matches(s, RequestDigest.resource("a", USER_GROUPS, "get", "", "pods", "log", "web")));
    assertFalse(FlowSchemaMatcher.matches(s, RequestDigest.resource("a", USER_GROUPS, "get", "", "pods", "exec", "w")));
    assertFalse(FlowSchemaMatcher.matches(s,
        RequestDigest.resource("a", USER_GROUPS, "get", "batch", "pods", "", "web")));
    assertFalse(FlowSchemaMatcher.matches(s, RequestDigest.resource("a", USER_GROUPS, "delete", "", "pods", "", "w")));
    assertTrue(FlowSchemaMatcher.matches(s, get("a", USER_GROUPS, "configmaps", "kube-system")));
    assertFalse(FlowSchemaMatcher.matches(s, get("a", USER_GROUPS, "configmaps", "default")));
    assertTrue(FlowSchemaMatcher.matches(s, get("a", USER_GROUPS, "nodes", "")));
    assertFalse(FlowSchemaMatcher.matches(s, get("a", USER_GROUPS, "nodes", "web")));
    assertFalse(FlowSchemaMatcher.matches(s, RequestDigest.nonResource("a", USER_GROUPS, "get", "/pods")));
  }

  @Test
  void danglingSchemasAreSkipped() {
    List<JsonNode> all = new ArrayList<>(schemas());
    all.add(schema("broken", 10, "no-such-level", null, EVERYTHING_FOR_GROUP.formatted("system:authenticated")));
    FlowSchemaMatcher withBroken = new FlowSchemaMatcher(all, levels());
    assertEquals("global-default", withBroken.match(get("alice", USER_GROUPS, "pods", "web")).flowSchema());
    assertEquals(List.of("broken"), withBroken.dangling());
    assertFalse(withBroken.order().contains("broken"));
  }

  @Test
  void distinguishers() {
    assertEquals("alice", matcher.match(get("alice", USER_GROUPS, "pods", "web")).flowDistinguisher());
    assertEquals("web", matcher.match(get("system:kube-controller-manager", USER_GROUPS, "pods", "web"))
        .flowDistinguisher());
    assertEquals("", matcher.match(get("root", List.of("system:masters"), "pods", "web")).flowDistinguisher());
  }

  @Test
  void fallsBackToCatchAll() {
    RequestDigest stranger = get("stranger", List.of(), "pods", "web");
    assertEquals("catch-all", matcher.match(stranger).flowSchema());
    FlowSchemaMatcher noCatchAllSchema = new FlowSchemaMatcher(schemas().subList(0, 3), levels());
    assertEquals(new FlowSchemaMatcher.Match("", "", "catch-all", "uid-pl-catch-all", ""),
        noCatchAllSchema.match(stranger));
    assertNull(new FlowSchemaMatcher(schemas().subList(0, 3), levels().subList(0, 3)).match(stranger));
    List<JsonNode> narrow = new ArrayList<>(schemas().subList(0, 3));
    narrow.add(schema("catch-all", 10000, "catch-all", "ByUser", EVERYTHING_FOR_GROUP.formatted("nobody")));
    assertEquals(new FlowSchemaMatcher.Match("catch-all", "uid-fs-catch-all", "catch-all", "uid-pl-catch-all",
        "stranger"), new FlowSchemaMatcher(narrow, levels()).match(stranger));
  }
}
