package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reviews, with the real kubectl: {@code kubectl auth whoami} of the admin and of a
 * service-account token, {@code kubectl auth can-i} (a resource, a path, {@code --list}) giving
 * the server's own decisions (the metrics are the admin's alone), SubjectAccessReview and
 * LocalSubjectAccessReview answered or refused as kube-apiserver words it, TokenReview of a good
 * and a bad token, and the two groups in discovery with their create-only resources.
 */
class AccessReviewsIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;
  static String robot;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    kubectl.ok("create", "serviceaccount", "robot");
    kubectl.ok("create", "namespace", "x");
    kubectl.ok("create", "rolebinding", "robot-edits", "-n", "x", "--clusterrole=edit", "--serviceaccount=default:robot");
    kubectl.ok("create", "rolebinding", "dev-views", "--clusterrole=view", "--group=dev");
    robot = kubectl.ok("create", "token", "robot").out().strip();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void whoamiNamesTheAdminAndAServiceAccount() throws Exception {
    String admin = kubectl.ok("auth", "whoami").out();
    assertTrue(admin.matches("(?s)ATTRIBUTE\\s+VALUE\\s+Username\\s+admin\\s+Groups\\s+\\[system:masters"
        + " system:authenticated\\]\\s*"), admin);
    JsonNode sa = Json.MAPPER.readTree(kubectl.ok("--token=" + robot, "auth", "whoami", "-o", "json").out());
    assertEquals("SelfSubjectReview", sa.path("kind").asText());
    JsonNode info = sa.at("/status/userInfo");
    assertEquals("system:serviceaccount:default:robot", info.path("username").asText(), sa.toString());
    assertEquals(kubectl.ok("get", "sa", "robot", "-o", "jsonpath={.metadata.uid}").out(), info.path("uid").asText());
    assertEquals("[\"system:serviceaccounts\",\"system:serviceaccounts:default\",\"system:authenticated\"]",
        info.path("groups").toString());
  }

  @Test
  void canIAnswersWhatTheServerWouldDecide() {
    assertEquals("yes\n", kubectl.ok("auth", "can-i", "create", "pods").out());
    assertEquals("yes\n", kubectl.ok("auth", "can-i", "get", "/metrics").out());
    assertEquals("yes\n", kubectl.ok("--token=" + robot, "auth", "can-i", "delete", "deployments.apps", "-n", "x").out());
    assertEquals("no\n", kubectl.run("--token=" + robot, "auth", "can-i", "delete", "deployments.apps").out(),
        "edit is bound in x only");
    Kubectl.Result metrics = kubectl.run("--token=" + robot, "auth", "can-i", "get", "/metrics");
    assertEquals(1, metrics.exit(), metrics.all());
    assertEquals("no\n", metrics.out());
    // and what a GET of /metrics meets:
    Kubectl.Result scrape = kubectl.run("--token=" + robot, "get", "--raw", "/metrics");
    assertTrue(scrape.exit() != 0 && scrape.err().contains("Forbidden"), scrape.all());
    String list = kubectl.ok("auth", "can-i", "--list").out();
    assertTrue(list.lines().anyMatch(l -> l.matches("\\*\\.\\*\\s+\\[\\]\\s+\\[\\]\\s+\\[\\*\\]")), list);
    assertTrue(list.lines().anyMatch(l -> l.matches("\\s+\\[\\*\\]\\s+\\[\\]\\s+\\[\\*\\]")), list);
  }

  @Test
  void subjectAccessReviewsAreAnsweredOrRefusedAsKubeDoes() throws Exception {
    JsonNode sar = create("""
        {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
         "spec": {"user": "jane", "groups": ["dev"], "resourceAttributes":
           {"namespace": "default", "verb": "get", "resource": "pods", "name": "web"}}}""");
    assertEquals("SubjectAccessReview", sar.path("kind").asText());
    assertTrue(sar.at("/status/allowed").asBoolean(), sar.toString());
    assertEquals("RBAC: allowed by RoleBinding \"dev-views\" in namespace \"default\" of ClusterRole \"view\" to Group"
        + " \"dev\"", sar.at("/status/reason").asText());
    assertEquals("jane", sar.at("/spec/user").asText());
    JsonNode alone = create("""
        {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
         "spec": {"user": "jane", "resourceAttributes": {"namespace": "default", "verb": "get", "resource": "pods"}}}""");
    assertFalse(alone.at("/status/allowed").asBoolean(), "jane is not in dev here: " + alone);

    Kubectl.Result nobody = createRaw("""
        {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
         "spec": {"resourceAttributes": {"verb": "get", "resource": "pods"}}}""");
    assertEquals(1, nobody.exit());
    assertEquals("The SubjectAccessReview \"\" is invalid: spec.user: Invalid value: \"\": at least one of user or"
        + " group must be specified\n", nobody.err().replaceFirst("^Error from server \\(Invalid\\): error when"
        + " creating \"STDIN\": ", ""), nobody.all());

    Kubectl.Result neither = createRaw("""
        {"apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview", "spec": {"user": "jane"}}""");
    assertTrue(neither.err().contains("spec.resourceAttributes: Required value: exactly one of nonResourceAttributes"
        + " or resourceAttributes must be specified"), neither.all());

    JsonNode local = create("""
        {"apiVersion": "authorization.k8s.io/v1", "kind": "LocalSubjectAccessReview",
         "metadata": {"namespace": "default"},
         "spec": {"user": "jane", "groups": ["dev"],
                  "resourceAttributes": {"namespace": "default", "verb": "list", "resource": "pods"}}}""");
    assertTrue(local.at("/status/allowed").asBoolean(), local.toString());
    Kubectl.Result elsewhere = createRaw("""
        {"apiVersion": "authorization.k8s.io/v1", "kind": "LocalSubjectAccessReview",
         "metadata": {"namespace": "default"},
         "spec": {"user": "jane", "resourceAttributes": {"namespace": "other", "verb": "list", "resource": "pods"}}}""");
    assertTrue(elsewhere.err().contains("spec.resourceAttributes.namespace: Invalid value: \"other\": must match"
        + " metadata.namespace"), elsewhere.all());
  }

  @Test
  void tokenReviewsNameTheTokensUser() throws Exception {
    JsonNode good = create("""
        {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": "%s"}}""".formatted(robot));
    assertTrue(good.at("/status/authenticated").asBoolean(), good.toString());
    assertEquals("system:serviceaccount:default:robot", good.at("/status/user/username").asText());
    assertEquals("[\"https://kubernetes.default.svc.cluster.local\"]", good.at("/status/audiences").toString());
    JsonNode bad = create("""
        {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {"token": "not-a-token"}}""");
    assertFalse(bad.at("/status/authenticated").asBoolean(), bad.toString());
    assertFalse(bad.at("/status/error").asText().isEmpty(), bad.toString());
    Kubectl.Result empty = createRaw("""
        {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "spec": {}}""");
    assertTrue(empty.err().contains("token is required for TokenReview in authentication"), empty.all());
  }

  @Test
  void discoveryListsTheReviews() {
    String authz = kubectl.ok("api-resources", "--api-group=authorization.k8s.io", "--no-headers").out();
    for (String r : new String[] {"localsubjectaccessreviews", "selfsubjectaccessreviews", "selfsubjectrulesreviews",
        "subjectaccessreviews"}) {
      assertTrue(authz.contains(r), authz);
    }
    String authn = kubectl.ok("api-resources", "--api-group=authentication.k8s.io", "-o", "wide", "--no-headers").out();
    assertTrue(authn.lines().anyMatch(l -> l.matches("tokenreviews\\s+authentication.k8s.io/v1\\s+false\\s+TokenReview"
        + "\\s+create\\s*")), authn);
    assertTrue(authn.contains("selfsubjectreviews"), authn);
  }

  private static JsonNode create(String json) throws Exception {
    Kubectl.Result r = createRaw(json);
    assertEquals(0, r.exit(), r.all());
    return Json.MAPPER.readTree(r.out());
  }

  private static Kubectl.Result createRaw(String json) {
    return kubectl.run(json.getBytes(StandardCharsets.UTF_8), "create", "-f", "-", "-o", "json");
  }
}
