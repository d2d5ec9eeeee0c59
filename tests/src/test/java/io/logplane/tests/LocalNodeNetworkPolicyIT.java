package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetworkPolicy end to end on a real local node ({@link RealNodeFixture}): policies applied with
 * kubectl reach the node only through its watches of the API, and real connections between
 * busybox pods (HTTP requests from inside the client pods, through {@code kubectl exec}) pass or are
 * dropped as they say; deleting them restores the traffic, and a clean stop removes the node's
 * policy table. Skipped, saying why, where real containers cannot run.
 */
class LocalNodeNetworkPolicyIT {
  private static final RealNodeFixture.Names NAMES = new RealNodeFixture.Names("netpol-node-it",
      "10.244.218.0/24", "lpit18", "logplane_it_netpol", "logplane-it-netpol");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static RealNodeFixture fixture;
  static Kubectl kubectl;
  static String web;

  @BeforeAll
  static void start() throws Exception {
    fixture = RealNodeFixture.start(dir, NAMES);
    kubectl = fixture.kubectl;
    kubectl.ok("apply", "-f", kubectl.manifest("pods.yaml", """
        apiVersion: v1
        kind: Namespace
        metadata: {name: other, labels: {team: friends}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: default, labels: {app: web}}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: httpd
            image: IMAGE
            imagePullPolicy: Never
            command: [httpd, -f, -p, "8080", -h, /www]
            ports: [{name: http, containerPort: 8080}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client, namespace: default, labels: {role: client}}
        spec:
          terminationGracePeriodSeconds: 1
          containers: [{name: c, image: IMAGE, imagePullPolicy: Never, command: [sleep, "1000000"]}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: stranger, namespace: default}
        spec:
          terminationGracePeriodSeconds: 1
          containers: [{name: c, image: IMAGE, imagePullPolicy: Never, command: [sleep, "1000000"]}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: friend, namespace: other}
        spec:
          terminationGracePeriodSeconds: 1
          containers: [{name: c, image: IMAGE, imagePullPolicy: Never, command: [sleep, "1000000"]}]
        """.replace("IMAGE", RealNodeFixture.IMAGE)));
    for (String pod : new String[] {"default/web", "default/client", "default/stranger", "other/friend"}) {
      String[] nsName = pod.split("/");
      kubectl.ok("wait", "--for=condition=Ready", "pod/" + nsName[1], "-n", nsName[0], "--timeout=120s");
    }
    web = kubectl.ok("get", "pod", "web", "-o", "jsonpath={.status.podIP}").out();
    assertTrue(web.startsWith(NAMES.prefix()), web);
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture == null) {
      return;
    }
    // The pods first, each gone once the node has stopped its containers; then their namespace.
    kubectl.run("delete", "pods", "--all", "-A", "--wait=true");
    kubectl.run("delete", "namespace", "other", "--wait=true");
    await("the pods are gone").atMost(WAIT).pollInterval(Duration.ofSeconds(1))
        .until(() -> kubectl.json("get", "pods", "-A").path("items").size(), n -> n == 0);
    RealNodeFixture.stopCleanly(fixture);
  }

  @Test
  void policiesAppliedWithKubectlAdmitOnlyWhatTheyAllowUntilTheyAreDeleted() throws Exception {
    for (String from : new String[] {"default/client", "default/stranger", "other/friend"}) {
      await(from + " reaches web before any policy").atMost(WAIT).until(() -> reaches(from));
    }
    kubectl.ok("apply", "-f", kubectl.manifest("policy.yaml", """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web-ingress, namespace: default}
        spec:
          podSelector: {matchLabels: {app: web}}
          policyTypes: [Ingress]
          ingress:
          - from:
            - podSelector: {matchLabels: {role: client}}
            - namespaceSelector: {matchLabels: {team: friends}}
            ports: [{port: http}]
        """));
    await("the stranger is dropped").atMost(WAIT).until(() -> !reaches("default/stranger"));
    assertTrue(reaches("default/client"), "a pod the policy selects as a peer");
    assertTrue(reaches("other/friend"), "a pod of a namespace the policy selects");
    assertTrue(hostReaches(), "the node reaches its own pods whatever the policies");

    kubectl.ok("label", "namespace", "other", "team-");
    await("a namespace that loses its label loses its access").atMost(WAIT).until(() -> !reaches("other/friend"));

    kubectl.ok("delete", "networkpolicy", "web-ingress");
    await("deleting the policy restores traffic").atMost(WAIT).until(() -> reaches("default/stranger"));
    assertTrue(reaches("other/friend"));
  }

  /** Whether an HTTP GET from the pod ({@code namespace/name}) to web's port 8080 gets its page within 2 s. */
  private static boolean reaches(String from) {
    String[] nsName = from.split("/");
    // busybox's nc: its static wget looks the service name up through NSS, which the image lacks
    Kubectl.Result r = kubectl.run("exec", nsName[1], "-n", nsName[0], "--", "sh", "-c",
        "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + web + " 8080");
    boolean reached = r.exit() == 0 && r.out().contains("hello from a pod");
    if (!reached) {
      System.out.printf("%s -> web: exit %d, %s %s%n", from, r.exit(), r.out().strip(), r.err().strip());
    }
    return reached;
  }

  private static boolean hostReaches() throws Exception {
    return RealNodeFixture.run("curl", "-s", "-m", "5", "http://" + web + ":8080/").out().contains("hello from a pod");
  }
}
