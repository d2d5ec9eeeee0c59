package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.broker.EmbeddedKafka;
import io.logplane.tests.http.Api;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Logplane processes on one Kafka: exactly one holds the {@code kube-controller-manager}
 * Lease and runs the controllers; killed with SIGKILL, the other takes the Lease over once it
 * went unrenewed for its duration, and the controllers act again (a deleted namespace is emptied
 * and goes; a Deployment's pods are neither made twice nor lost, and it scales).
 */
class LeaderElectionIT {

  private static final String LEASE = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager";

  @TempDir Path dir;
  private EmbeddedKafka kafka;
  private Replica a;
  private Replica b;

  /** A failure shows what each replica printed last (a dead or stalled replica says why there). */
  @RegisterExtension
  final TestExecutionExceptionHandler outputs = (context, thrown) -> {
    for (Replica r : new Replica[] {a, b}) {
      if (r != null) {
        String tail = "replica on port " + r.port + " (exit code " + r.exitCode() + "), last lines:\n" + r.tail(150);
        System.out.println(tail);
        thrown.addSuppressed(new AssertionError(tail));
      }
    }
    throw thrown;
  };

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {b, a, kafka}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void oneReplicaLeadsAndTheOtherTakesOverAfterAKill() throws Exception {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
    a = Replica.start(dir.resolve("a"), kafka.bootstrap());
    b = Replica.start(dir.resolve("b"), kafka.bootstrap());
    Api api = b.api();
    JsonNode lease = awaitHolder(api, a.port);
    assertEquals(15, lease.at("/spec/leaseDurationSeconds").asInt());
    int transitions = lease.at("/spec/leaseTransitions").asInt();
    namespaceDeletionCompletes(api, "before");
    assertEquals(201, api.send("POST", "/apis/apps/v1/namespaces/default/deployments", "application/json", """
        {"metadata": {"name": "web"}, "spec": {"replicas": 4, "selector": {"matchLabels": {"app": "web"}},
         "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "web", "image": "nginx"}]}}}}
        """).code());
    exactlyPods(api, 4);

    long killed = System.nanoTime();
    a.kill();
    lease = awaitHolder(api, b.port);
    System.out.printf("the second replica took the lease over %d ms after the first was killed%n",
        (System.nanoTime() - killed) / 1_000_000);
    assertEquals(transitions + 1, lease.at("/spec/leaseTransitions").asInt());
    assertTrue(b.output().contains("leading kube-controller-manager"), b.output());
    namespaceDeletionCompletes(api, "after");
    // the new leader's controllers carry on from the state: none created twice, none lost
    exactlyPods(api, 4);
    assertEquals(200, api.send("PATCH", "/apis/apps/v1/namespaces/default/deployments/web",
        "application/merge-patch+json", "{\"spec\": {\"replicas\": 6}}").code());
    exactlyPods(api, 6);
    theChangelogIsOneChainWrittenByTheHolder(api, b.port);
  }

  /**
   * The changelog is written by the replica holding the {@code logplane-changelog} Lease alone: it
   * is one chain with no two change sets for the same records, and the survivor took over with its
   * store's contents, then went on to the end of what it applied.
   */
  private void theChangelogIsOneChainWrittenByTheHolder(Api api, int port) {
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> api.get(
        "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/logplane-changelog").json()
        .at("/spec/holderIdentity").asText().contains(":" + port + "_"));
    assertTrue(b.output().contains("writing the changelog, from the store's contents"), b.output());
    long applied = Long.parseLong(api.get("/api/v1/namespaces/default/configmaps").json()
        .at("/metadata/resourceVersion").asText());
    int[] contents = new int[1];
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> ChangelogChain.assertOneChain(ChangelogChain.read(kafka.bootstrap()), contents) >= applied);
    assertTrue(contents[0] >= 1, "the survivor started with its contents");
  }

  /** Waits for the Deployment's pods to number n, and for that to hold a few seconds. */
  private static void exactlyPods(Api api, int n) {
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb").json().path("items").size() == n);
    Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb").json().path("items").size() == n);
  }

  /** Waits for the Lease to be held by the replica on that API port, and returns it. */
  private static JsonNode awaitHolder(Api api, int port) {
    JsonNode[] seen = new JsonNode[1];
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
      var r = api.get(LEASE);
      seen[0] = r.code() == 200 ? r.json() : null;
      return seen[0] != null && seen[0].at("/spec/holderIdentity").asText().contains(":" + port + "_");
    });
    return seen[0];
  }

  /** A namespace with an object in it, deleted: the namespace controller empties and finalizes it. */
  private static void namespaceDeletionCompletes(Api api, String name) {
    assertEquals(201, api.send("POST", "/api/v1/namespaces", "application/json",
        "{\"metadata\":{\"name\":\"" + name + "\"}}").code());
    assertEquals(201, api.send("POST", "/api/v1/namespaces/" + name + "/configmaps", "application/json",
        "{\"metadata\":{\"name\":\"c\"}}").code());
    assertEquals(200, api.send("DELETE", "/api/v1/namespaces/" + name, "application/json", "").code());
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
        .until(() -> api.get("/api/v1/namespaces/" + name).code() == 404);
  }
}
