package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RBAC with the real kubectl: the bootstrap policy kube-apiserver 1.28 starts with (its roles
 * and bindings, admin/edit/view aggregated), a service account refused until a RoleBinding
 * grants it a role in its namespace only, every refusal in kube-apiserver's words, escalation
 * refused to one who manages roles but does not hold what they grant, and {@code kubectl --as}
 * for the admin and for a user allowed to impersonate one account only.
 */
class RbacIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String token(String namespace, String account) {
    kubectl.run("create", "namespace", namespace);
    kubectl.ok("create", "serviceaccount", account, "-n", namespace);
    return "--token=" + kubectl.ok("create", "token", account, "-n", namespace).out().strip();
  }

  @Test
  void theBootstrapPolicyIsKubesWithItsAggregatedRoles() throws Exception {
    String roles = kubectl.ok("get", "clusterroles", "-o", "name").out();
    for (String r : new String[] {"cluster-admin", "admin", "edit", "view", "system:discovery", "system:basic-user",
        "system:public-info-viewer", "system:node", "system:kube-scheduler", "system:kube-controller-manager",
        "system:controller:deployment-controller", "system:aggregate-to-view"}) {
      assertTrue(roles.contains("clusterrole.rbac.authorization.k8s.io/" + r + "\n"), r + " in " + roles);
    }
    JsonNode binding = kubectl.json("get", "clusterrolebinding", "cluster-admin");
    assertEquals("system:masters", binding.at("/subjects/0/name").asText());
    assertEquals("true", binding.at("/metadata/annotations/rbac.authorization.kubernetes.io~1autoupdate").asText());
    assertEquals("rbac-defaults", binding.at("/metadata/labels/kubernetes.io~1bootstrapping").asText());
    await("view aggregates the aggregate-to-view roles").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500)).until(() -> kubectl.json("get", "clusterrole", "view").path("rules").size() >= 5);
    String view = kubectl.ok("describe", "clusterrole", "view").out();
    assertTrue(view.contains("deployments.apps") && view.contains("[get list watch]"), view);
    assertTrue(!view.contains("secrets"), "view shows no secrets: " + view);
    String edit = kubectl.ok("describe", "clusterrole", "edit").out();
    assertTrue(edit.contains("secrets"), edit);

    // a role labelled for aggregation extends view
    kubectl.ok("apply", "-f", kubectl.manifest("widget-viewer.yaml", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: widget-viewer
          labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
        rules:
        - apiGroups: [example.com]
          resources: [widgets]
          verbs: [get, list]
        """));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
        kubectl.ok("describe", "clusterrole", "view").out().contains("widgets.example.com"));
  }

  @Test
  void aServiceAccountMayOnlyWhatItsBindingsGrantWhereTheyGrantIt() throws Exception {
    String alice = token("team", "alice");
    Kubectl.Result refused = kubectl.run(alice, "get", "pods", "-n", "team");
    assertEquals("Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:team:alice\" cannot"
        + " list resource \"pods\" in API group \"\" in the namespace \"team\"\n", refused.err());
    assertEquals("Error from server (Forbidden): forbidden: User \"system:serviceaccount:team:alice\" cannot get path"
        + " \"/metrics\"\n", kubectl.run(alice, "get", "--raw", "/metrics").err());
    assertEquals("no\n", kubectl.run(alice, "auth", "can-i", "list", "pods", "-n", "team").out());

    kubectl.ok("create", "rolebinding", "alice-views", "-n", "team", "--clusterrole=view",
        "--serviceaccount=team:alice");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
        kubectl.run(alice, "get", "pods", "-n", "team").exit() == 0);
    assertEquals("yes\n", kubectl.ok(alice, "auth", "can-i", "list", "deployments.apps", "-n", "team").out());
    assertEquals("no\n", kubectl.run(alice, "auth", "can-i", "list", "pods", "-n", "default").out());
    assertEquals("no\n", kubectl.run(alice, "auth", "can-i", "get", "secrets", "-n", "team").out());
    assertEquals("no\n", kubectl.run(alice, "auth", "can-i", "delete", "pods", "-n", "team").out());
    Kubectl.Result delete = kubectl.run(alice, "delete", "pod", "nothing", "-n", "team");
    assertEquals("Error from server (Forbidden): pods \"nothing\" is forbidden: User \"system:serviceaccount:team:alice\""
        + " cannot delete resource \"pods\" in API group \"\" in the namespace \"team\"\n", delete.err());
    // the refusal is a record of the log, in the audit trail as any refused write
    JsonNode audit = io.logplane.projections.Json.MAPPER.readTree(kubectl.ok("get", "--raw",
        "/apis/history.logplane.io/v1/auditevents?fieldSelector=namespace%3Dteam,outcome%3DREJECTED").out());
    JsonNode refusal = audit.at("/items/0");
    assertEquals("system:serviceaccount:team:alice", refusal.path("user").asText(), audit.toString());
    assertEquals(403, refusal.at("/outcome/code").asInt(), audit.toString());
    assertEquals("nothing", refusal.at("/objectRef/name").asText(), audit.toString());
    String list = kubectl.ok(alice, "auth", "can-i", "--list", "-n", "team").out();
    assertTrue(list.lines().anyMatch(l -> l.matches("pods\\s+\\[\\]\\s+\\[\\]\\s+\\[get list watch\\]")), list);

    kubectl.ok("create", "rolebinding", "broken", "-n", "team", "--role=nope", "--serviceaccount=team:alice");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
        kubectl.run(alice, "get", "secrets", "-n", "team").err().equals("Error from server (Forbidden): secrets is"
            + " forbidden: User \"system:serviceaccount:team:alice\" cannot list resource \"secrets\" in API group \"\" in"
            + " the namespace \"team\": RBAC: role.rbac.authorization.k8s.io \"nope\" not found\n"));
  }

  @Test
  void whoManagesRolesGrantsNoMoreThanItHolds() throws Exception {
    String bob = token("lab", "bob");
    kubectl.ok("create", "role", "role-manager", "-n", "lab", "--verb=get,list,create,update,delete",
        "--resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io");
    kubectl.ok("create", "role", "pod-reader", "-n", "lab", "--verb=get,list", "--resource=pods");
    kubectl.ok("create", "rolebinding", "bob-manages", "-n", "lab", "--role=role-manager", "--serviceaccount=lab:bob");
    kubectl.ok("create", "rolebinding", "bob-reads", "-n", "lab", "--role=pod-reader", "--serviceaccount=lab:bob");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
        kubectl.run(bob, "get", "roles", "-n", "lab").exit() == 0);

    kubectl.ok(bob, "create", "role", "narrow", "-n", "lab", "--verb=list", "--resource=pods");
    Kubectl.Result wider = kubectl.run(bob, "create", "role", "wider", "-n", "lab", "--verb=get,delete",
        "--resource=pods,secrets");
    assertEquals("Error from server (Forbidden): roles.rbac.authorization.k8s.io \"wider\" is forbidden: user"
        + " \"system:serviceaccount:lab:bob\" (groups=[\"system:serviceaccounts\" \"system:serviceaccounts:lab\""
        + " \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n"
        + "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\"]}\n"
        + "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"delete\"]}\n", wider.err());
    Kubectl.Result bindAdmin = kubectl.run(bob, "create", "rolebinding", "grab", "-n", "lab", "--clusterrole=admin",
        "--serviceaccount=lab:bob");
    assertTrue(bindAdmin.err().startsWith("error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io"
        + " \"grab\" is forbidden: user \"system:serviceaccount:lab:bob\""), bindAdmin.err());
    kubectl.ok(bob, "create", "rolebinding", "share", "-n", "lab", "--role=pod-reader", "--user=carol");

    // granted bind on admin, bob may bind it without holding it
    kubectl.ok("create", "role", "admin-binder", "-n", "lab", "--verb=bind", "--resource=clusterroles.rbac.authorization.k8s.io",
        "--resource-name=admin");
    kubectl.ok("create", "rolebinding", "bob-binds", "-n", "lab", "--role=admin-binder", "--serviceaccount=lab:bob");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
        kubectl.run(bob, "create", "rolebinding", "grab", "-n", "lab", "--clusterrole=admin", "--user=dave").exit() == 0);
  }

  /**
   * A rotated credential stays dead: a Secret read at a past version (Exact), listed at one, or
   * replayed by a watch from one is served without its values to whoever may read it now but not
   * {@code unseal} it; the admin, and whoever is granted unseal, gets them.
   */
  @Test
  void pastValuesOfSecretsAreWithheldFromWhoMayNotUnsealThem() throws Exception {
    String carol = token("vault", "carol");
    kubectl.ok("create", "rolebinding", "carol-edits", "-n", "vault", "--clusterrole=edit", "--serviceaccount=vault:carol");
    kubectl.ok("-n", "vault", "create", "secret", "generic", "db", "--from-literal=password=first");
    String first = kubectl.json("-n", "vault", "get", "secret", "db").at("/metadata/resourceVersion").asText();
    kubectl.ok("-n", "vault", "patch", "secret", "db", "-p", "{\"stringData\":{\"password\":\"second\"}}");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
        kubectl.run(carol, "-n", "vault", "get", "secret", "db").exit() == 0);
    assertEquals("c2Vjb25k", kubectl.json(carol, "-n", "vault", "get", "secret", "db").at("/data/password").asText(),
        "the current value");

    String at = "/api/v1/namespaces/vault/secrets/db?resourceVersion=" + first + "&resourceVersionMatch=Exact";
    JsonNode past = io.logplane.projections.Json.MAPPER.readTree(kubectl.ok(carol, "get", "--raw", at).out());
    assertTrue(past.path("data").isMissingNode(), past.toString());
    assertTrue(past.at("/metadata/annotations/logplane.io~1withheld-data").asText().startsWith("sha256:"), past.toString());
    assertEquals("Zmlyc3Q=", io.logplane.projections.Json.MAPPER.readTree(kubectl.ok("get", "--raw", at).out())
        .at("/data/password").asText(), "the admin unseals");
    // the unsealed read is a record of the log: the audit trail shows who read which version
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
      JsonNode audit = io.logplane.projections.Json.MAPPER.readTree(kubectl.ok("get", "--raw",
          "/apis/history.logplane.io/v1/auditevents?fieldSelector=namespace%3Dvault").out());
      for (JsonNode e : audit.path("items")) {
        if (e.path("verb").asText().equals("get") && e.at("/objectRef/name").asText().equals("db")
            && e.at("/annotations/logplane.io~1unsealed-resource-version").asText().equals(first)) {
          return e.path("user").asText().equals("admin");
        }
      }
      return false;
    });
    JsonNode listed = io.logplane.projections.Json.MAPPER.readTree(kubectl.ok(carol, "get", "--raw",
        "/api/v1/namespaces/vault/secrets?resourceVersion=" + first + "&resourceVersionMatch=Exact").out());
    assertTrue(listed.at("/items/0/data").isMissingNode(), listed.toString());
    String watched = kubectl.ok(carol, "get", "--raw", "/api/v1/namespaces/vault/secrets?watch=1&resourceVersion="
        + (Long.parseLong(first) - 1) + "&timeoutSeconds=2").out();
    java.util.List<String> events = watched.lines().toList();
    assertEquals(2, events.size(), watched);
    assertTrue(!events.get(0).contains("Zmlyc3Q=") && events.get(0).contains("withheld-data"), events.get(0));
    assertTrue(events.get(1).contains("c2Vjb25k"), "the current version is served: " + events.get(1));
    // A label-selected watch replays a Secret that stopped matching as DELETED with its version
    // before the change: a past value, withheld as well.
    kubectl.ok("-n", "vault", "create", "secret", "generic", "api", "--from-literal=password=first");
    kubectl.ok("-n", "vault", "label", "secret", "api", "tier=web");
    String labelled = kubectl.json("-n", "vault", "get", "secret", "api").at("/metadata/resourceVersion").asText();
    kubectl.ok("-n", "vault", "patch", "secret", "api", "-p",
        "{\"metadata\":{\"labels\":{\"tier\":\"db\"}},\"stringData\":{\"password\":\"second\"}}");
    String selected = kubectl.ok(carol, "get", "--raw", "/api/v1/namespaces/vault/secrets?watch=1&labelSelector="
        + "tier%3Dweb&resourceVersion=" + (Long.parseLong(labelled) - 1) + "&timeoutSeconds=2").out();
    java.util.List<String> comeAndGone = selected.lines().toList();
    assertEquals(2, comeAndGone.size(), selected);
    assertTrue(comeAndGone.get(0).startsWith("{\"type\":\"ADDED\"") && comeAndGone.get(1).startsWith(
        "{\"type\":\"DELETED\""), selected);
    assertTrue(comeAndGone.stream().allMatch(l -> !l.contains("Zmlyc3Q=") && l.contains("withheld-data")), selected);

    kubectl.ok("apply", "-f", kubectl.manifest("unsealer.yaml", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: unsealer, namespace: vault}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [unseal]}]
        """));
    kubectl.ok("create", "rolebinding", "carol-unseals", "-n", "vault", "--role=unsealer", "--serviceaccount=vault:carol");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
        kubectl.ok(carol, "get", "--raw", at).out().contains("Zmlyc3Q="));
  }

  @Test
  void impersonationIsForWhoMayImpersonate() throws Exception {
    String ci = token("ci", "deployer");
    String as = kubectl.ok("--as=system:serviceaccount:ci:deployer", "auth", "whoami").out();
    assertTrue(as.contains("system:serviceaccount:ci:deployer") && as.contains("system:serviceaccounts:ci"), as);
    Kubectl.Result refused = kubectl.run("--as=system:serviceaccount:ci:deployer", "get", "pods", "-n", "ci");
    assertEquals("Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:ci:deployer\" cannot"
        + " list resource \"pods\" in API group \"\" in the namespace \"ci\"\n", refused.err(), "acts as the account");

    Kubectl.Result notAllowed = kubectl.run(ci, "--as=admin", "get", "pods");
    assertEquals("Error from server (Forbidden): users \"admin\" is forbidden: User \"system:serviceaccount:ci:deployer\""
        + " cannot impersonate resource \"users\" in API group \"\" at the cluster scope\n", notAllowed.err());
    kubectl.ok("create", "clusterrole", "impersonate-viewer", "--verb=impersonate", "--resource=users",
        "--resource-name=viewer");
    kubectl.ok("create", "clusterrolebinding", "deployer-impersonates", "--clusterrole=impersonate-viewer",
        "--serviceaccount=ci:deployer");
    kubectl.ok("create", "clusterrolebinding", "viewer-views", "--clusterrole=view", "--user=viewer");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() ->
        kubectl.run(ci, "--as=viewer", "get", "pods", "-n", "ci").exit() == 0);
    assertEquals("Error from server (Forbidden): groups \"system:masters\" is forbidden: User"
        + " \"system:serviceaccount:ci:deployer\" cannot impersonate resource \"groups\" in API group \"\" at the cluster"
        + " scope\n", kubectl.run(ci, "--as=viewer", "--as-group=system:masters", "get", "pods").err());
  }
}
