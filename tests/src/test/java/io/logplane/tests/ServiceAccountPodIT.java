package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.auth.Kubeconfig;
import io.logplane.events.Command;
import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import io.logplane.tests.http.Api;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-cluster credentials on a real local node ({@link RealNodeFixture}), as in a kube 1.28
 * cluster: a pod gets the {@code kube-api-access-*} volume from the ServiceAccount admission, and
 * its container reads at {@code /var/run/secrets/kubernetes.io/serviceaccount} a token of the
 * namespace's {@code default} account bound to the pod (which the API takes, and names in the log
 * as the writer, until the pod is deleted), the CA that verifies the API's certificate, and the
 * namespace. A pod that turns automount off has none of it; a pod whose account does not exist
 * yet waits in ContainerCreating with the kubelet's FailedMount event until it does. Skipped,
 * saying why, where real containers cannot run.
 */
class ServiceAccountPodIT {
  private static final RealNodeFixture.Names NAMES = new RealNodeFixture.Names("lpit-sa",
      "10.244.231.0/24", "lpit31", "lpit_sa", "lpit-sa");
  private static final String NODE = NAMES.node();
  private static final String MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

  @TempDir static Path dir;
  static RealNodeFixture fixture;
  static Kubectl kubectl;
  static Api admin;

  @BeforeAll
  static void start() throws Exception {
    fixture = RealNodeFixture.start(dir, NAMES);
    kubectl = fixture.kubectl;
    admin = ClusterFixture.admin(fixture.cluster);
    // the pods' accounts may edit, as a cluster grants its workloads what they use
    kubectl.ok("create", "clusterrolebinding", "accounts-edit", "--clusterrole=edit", "--group=system:serviceaccounts");
  }

  @AfterAll
  static void stop() throws Exception {
    RealNodeFixture.stopCleanly(fixture);
  }

  private static String pod(String name, String ns, String more) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: %s}
        spec:
          nodeName: %s
          terminationGracePeriodSeconds: 1
        %s
          containers:
          - {name: c, image: "busybox:it", imagePullPolicy: Never, command: [sleep, "1000000"]}
        """.formatted(name, ns, NODE, more.isEmpty() ? "" : "  " + more);
  }

  @Test
  void aPodReadsATokenTheApiTakesUntilThePodIsGoneTheCaAndItsNamespace() throws Exception {
    kubectl.ok("create", "namespace", "sa-pod");
    kubectl.ok("apply", "-f", kubectl.manifest("sa-pod.yaml", pod("reader", "sa-pod", "")));
    try {
      JsonNode spec = kubectl.json("-n", "sa-pod", "get", "pod", "reader").path("spec");
      assertEquals("default", spec.path("serviceAccountName").asText());
      JsonNode volume = spec.path("volumes").get(0);
      assertTrue(volume.path("name").asText().matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}"),
          volume.toString());
      assertEquals(List.of(volume.path("name").asText() + " " + MOUNT + " true"),
          mounts(spec.path("containers").get(0)));
      // as kube-apiserver's admission runs after its field manager: what it added is no manager's
      JsonNode owned = kubectl.json("-n", "sa-pod", "get", "pod", "reader", "--show-managed-fields")
          .at("/metadata/managedFields/0/fieldsV1/f:spec");
      assertTrue(owned.has("f:containers") && !owned.has("f:volumes") && !owned.has("f:serviceAccountName"),
          owned.toString());
      assertFalse(owned.toString().contains("volumeMounts"), owned.toString());
      kubectl.ok("-n", "sa-pod", "wait", "--for=condition=Ready", "pod/reader", "--timeout=60s");

      String token = kubectl.ok("-n", "sa-pod", "exec", "reader", "--", "cat", MOUNT + "/token").out();
      String ca = kubectl.ok("-n", "sa-pod", "exec", "reader", "--", "cat", MOUNT + "/ca.crt").out();
      assertEquals("sa-pod", kubectl.ok("-n", "sa-pod", "exec", "reader", "--", "cat", MOUNT + "/namespace").out());

      // kubectl trusting only the pod's ca.crt, as the pod's token
      Path config = dir.resolve("in-pod.kubeconfig");
      Kubeconfig.write(config, Kubeconfig.render("in-pod", fixture.cluster.url(), ca, "reader", token, null, null));
      Kubectl asPod = new Kubectl(config, dir);
      Kubectl.Result pods = asPod.run("-n", "sa-pod", "get", "pods", "-o", "name");
      assertEquals(0, pods.exit(), pods.all());
      assertEquals("pod/reader", pods.out().trim());
      asPod.ok("-n", "sa-pod", "create", "configmap", "by-pod", "--from-literal=k=v");
      Command create = find(c -> c instanceof Command.Create k && k.key().equals("core/configmaps/sa-pod/by-pod"));
      assertEquals("system:serviceaccount:sa-pod:default", create.meta().actor());

      Api byToken = admin.as("Bearer " + token, null, null);
      assertEquals(200, byToken.get("/api/v1/namespaces/sa-pod/pods").code());
      kubectl.ok("-n", "sa-pod", "delete", "pod", "reader", "--timeout=60s");
      await("the token of the deleted pod is refused").atMost(Duration.ofSeconds(30))
          .until(() -> byToken.get("/api/v1/namespaces/sa-pod/pods").code() == 401);
    } finally {
      kubectl.run("-n", "sa-pod", "delete", "pod", "reader", "--ignore-not-found", "--timeout=60s");
    }
  }

  @Test
  void aPodWithoutAutomountHasNoCredentials() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("no-sa.yaml", pod("no-sa", "default",
        "automountServiceAccountToken: false")));
    try {
      JsonNode spec = kubectl.json("get", "pod", "no-sa").path("spec");
      assertFalse(spec.has("volumes"), spec.toString());
      assertFalse(spec.path("containers").get(0).has("volumeMounts"), spec.toString());
      assertEquals("default", spec.path("serviceAccountName").asText());
      kubectl.ok("wait", "--for=condition=Ready", "pod/no-sa", "--timeout=60s");
      Kubectl.Result ls = kubectl.run("exec", "no-sa", "--", "ls", MOUNT);
      assertNotEquals(0, ls.exit(), ls.all());
    } finally {
      kubectl.ok("delete", "pod", "no-sa", "--timeout=60s");
    }
  }

  @Test
  void aPodWhoseAccountIsNotThereYetWaitsWithTheKubeletsFailedMountUntilItIs() throws Exception {
    kubectl.ok("create", "namespace", "sa-later");
    kubectl.ok("apply", "-f", kubectl.manifest("later.yaml", pod("early", "sa-later", "serviceAccountName: later")));
    try {
      String volume = kubectl.json("-n", "sa-later", "get", "pod", "early").at("/spec/volumes/0/name").asText();
      List<String> events = await("the FailedMount event").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1)).until(() -> events("sa-later", "early"), e -> !e.isEmpty());
      assertEquals("Warning FailedMount: MountVolume.SetUp failed for volume \"" + volume + "\" : failed to fetch"
          + " token: serviceaccounts \"later\" not found", events.get(0));
      assertEquals("ContainerCreating", kubectl.json("-n", "sa-later", "get", "pod", "early")
          .at("/status/containerStatuses/0/state/waiting/reason").asText());
      kubectl.ok("-n", "sa-later", "create", "serviceaccount", "later");
      kubectl.ok("-n", "sa-later", "wait", "--for=condition=Ready", "pod/early", "--timeout=60s");
      String token = kubectl.ok("-n", "sa-later", "exec", "early", "--", "cat", MOUNT + "/token").out();
      assertEquals(200, admin.as("Bearer " + token, null, null).get("/api/v1/namespaces/sa-later/pods").code());
    } finally {
      kubectl.ok("-n", "sa-later", "delete", "pod", "early", "--timeout=60s");
    }
  }

  private static List<String> mounts(JsonNode container) {
    List<String> out = new ArrayList<>();
    container.path("volumeMounts").forEach(m -> out.add(m.path("name").asText() + " " + m.path("mountPath").asText()
        + " " + m.path("readOnly").asBoolean()));
    return out;
  }

  /** The kubelet's Events of a pod, each {@code type reason: message}. */
  private static List<String> events(String ns, String name) throws Exception {
    List<String> found = new ArrayList<>();
    for (JsonNode e : kubectl.json("-n", ns, "get", "events").path("items")) {
      if (name.equals(e.at("/involvedObject/name").asText()) && "kubelet".equals(e.at("/source/component").asText())
          && e.path("reason").asText().equals("FailedMount")) {
        found.add(e.path("type").asText() + " " + e.path("reason").asText() + ": " + e.path("message").asText());
      }
    }
    return found;
  }

  /** The first record of the log that matches, read from offset 0. */
  private static Command find(Predicate<Command> match) {
    List<Command> found = new ArrayList<>();
    try (EventLog.Reader reader = fixture.cluster.log().reader(0)) {
      // a Kafka consumer: polled from this thread only
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
        for (LogEntry e : reader.poll(Duration.ofMillis(500))) {
          if (match.test(e.command())) {
            found.add(e.command());
            return true;
          }
        }
        return false;
      });
    }
    return found.get(0);
  }
}
