package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.http.RequestLimits;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API Priority and Fairness against a real server of two seats (one read and one write in
 * flight, kube's flags): a FlowSchema puts service account {@code robot} at a priority level of
 * its own that rejects what it cannot seat, so a burst of its concurrent lists gets some 429s
 * with {@code Retry-After: 1} and kube's Status, the rest served whole, while the same burst by
 * another account, at kube's {@code workload-low} level, waits in its queues and is served whole;
 * the admin (system:masters, the exempt level) is never refused; once the burst is over the
 * account is served again, and kubectl, which waits out a 429 as client-go does, lists under the
 * same burst. The counts are printed. And watches are bounded per user.
 */
class InflightLimitsIT {

  private static final int BURST = 48;
  private static final int ROUNDS = 8;

  @TempDir static Path dir;
  static Cluster cluster;
  static Api admin;
  static Api robot;
  static Api patient;
  static String patientToken;
  static Kubectl kubectl;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    cluster = Cluster.start(new Cluster.Options(data, "127.0.0.1", 0, 0, null, 1).withLimits(new RequestLimits(1, 1)
        .withWatchesPerUser(3)));
    admin = ClusterFixture.admin(cluster);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    kubectl.ok("create", "serviceaccount", "robot");
    kubectl.ok("create", "rolebinding", "robot-views", "--clusterrole=view", "--serviceaccount=default:robot");
    token = kubectl.ok("create", "token", "robot").out().strip();
    robot = admin.as("Bearer " + token, null, null);
    kubectl.ok("create", "serviceaccount", "patient");
    kubectl.ok("create", "rolebinding", "patient-views", "--clusterrole=view", "--serviceaccount=default:patient");
    patientToken = kubectl.ok("create", "token", "patient").out().strip();
    patient = admin.as("Bearer " + patientToken, null, null);
    kubectl.ok("apply", "-f", kubectl.manifest("robots.yaml", """
        apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
        kind: PriorityLevelConfiguration
        metadata: {name: robots}
        spec: {type: Limited, limited: {nominalConcurrencyShares: 1, limitResponse: {type: Reject}}}
        ---
        apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
        kind: FlowSchema
        metadata: {name: robots}
        spec:
          priorityLevelConfiguration: {name: robots}
          matchingPrecedence: 500
          distinguisherMethod: {type: ByUser}
          rules:
          - subjects: [{kind: ServiceAccount, serviceAccount: {name: robot, namespace: default}}]
            resourceRules: [{verbs: ["*"], apiGroups: ["*"], resources: ["*"], namespaces: ["*"]}]
        """));
    // lists long enough to overlap
    for (int i = 0; i < 300; i++) {
      admin.create("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"cm-" + i + "\"},\"data\":"
          + "{\"v\":\"" + "x".repeat(700) + "\"}}");
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * Eight bursts, one after another: on one HTTP/2 connection, the fourth or fifth burst once left
   * a few lists with their headers sent and nothing more (Netty's writability gap, which
   * {@code StreamWritability} closes).
   */
  @Test
  void aBurstBeyondTheBoundGets429sWithRetryAfterAndTheAdminIsNeverRefused() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(BURST);
    try {
      Map<Integer, Integer> codes = new TreeMap<>();
      List<Future<Response>> robots = new ArrayList<>();
      List<Future<Response>> admins = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        robots.clear();
        admins.clear();
        for (int i = 0; i < BURST; i++) {
          robots.add(pool.submit(() -> robot.get("/api/v1/namespaces/default/configmaps")));
          if (i % 4 == 0) {
            admins.add(pool.submit(() -> admin.get("/api/v1/namespaces/default/configmaps")));
          }
        }
        for (Future<Response> f : robots) {
          Response r = answered(f, "round " + round + ": a service account's list");
          codes.merge(r.code(), 1, Integer::sum);
          if (r.code() == 429) {
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(""), r.text());
            JsonNode s = r.json();
            assertEquals("TooManyRequests", s.path("reason").asText(), s.toString());
            assertEquals("Too many requests, please try again later.", s.path("message").asText());
            assertEquals(1, s.at("/details/retryAfterSeconds").asInt(), s.toString());
          } else {
            assertEquals(200, r.code(), r.text());
            assertTrue(r.json().path("items").size() >= 300, "the 300 ConfigMaps and the root CA's");
          }
        }
        for (Future<Response> f : admins) {
          Response r = answered(f, "round " + round + ": the admin's list");
          assertEquals(200, r.code(), "system:masters is exempt");
          assertEquals(uid("exempt"), r.headers().firstValue("X-Kubernetes-PF-FlowSchema-UID").orElse(""));
        }
      }
      assertEquals(uid("robots"), robots.get(0).get().headers().firstValue("X-Kubernetes-PF-FlowSchema-UID")
          .orElse(""), "the robot's requests are its FlowSchema's");
      String metrics = admin.get("/metrics").text();
      assertTrue(metrics.contains("apiserver_flowcontrol_rejected_requests_total{flow_schema=\"robots\","
          + "priority_level=\"robots\",reason=\"concurrency-limit\"}"), metrics);
      assertTrue(metrics.contains("apiserver_flowcontrol_nominal_limit_seats{priority_level=\"robots\"} 1.0"), metrics);
      assertTrue(metrics.contains("apiserver_flowcontrol_dispatched_requests_total{flow_schema=\"exempt\","
          + "priority_level=\"exempt\"}"), metrics);
      System.out.println("InflightLimitsIT: " + ROUNDS + " bursts of " + BURST + " concurrent lists by a service"
          + " account, by status: " + codes + "; " + admins.size() + " by the admin beside each, all 200");
      assertTrue(codes.getOrDefault(429, 0) > 0, "some refused: " + codes);
      assertTrue(codes.getOrDefault(200, 0) > 0, "some served: " + codes);
      assertEquals(200, robot.get("/api/v1/namespaces/default/configmaps?limit=1").code(), "served once the burst ended");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void kubectlWaitsOutTheRefusalsAsClientGoDoes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Kubectl.Result>> runs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        runs.add(pool.submit(() -> kubectl.run("--token=" + token, "get", "configmaps", "-o", "name")));
      }
      for (Future<Kubectl.Result> f : runs) {
        Kubectl.Result r = f.get();
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().lines().filter(l -> l.startsWith("configmap/cm-")).count() == 300, r.out());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A user holds at most its bound of watches at once; the admin (system:masters) is not bounded. The three kubectl
   * watches are opened one after another, each seen answered (kubectl's own {@code -v=6} line) before the next, so no
   * probe of the test's takes a slot one of them needs.
   */
  @Test
  void aUserHoldsAtMostItsBoundOfWatches() throws Exception {
    String watch = "/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1";
    List<Process> watches = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Process p = kubectl.start("--token=" + patientToken, "get", "configmaps", "--watch", "-o", "name", "-v=6");
        watches.add(p);
        Kubectl.Drain err = new Kubectl.Drain(p.getErrorStream());
        new Kubectl.Drain(p.getInputStream());
        try {
          org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
              .until(() -> err.text().lines().anyMatch(l -> l.contains("watch=true") && l.contains(" 200 OK"))
                  || !p.isAlive());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          throw new AssertionError("kubectl's watch " + (i + 1) + " was never answered:\n" + err.text(), e);
        }
        assertTrue(p.isAlive(), "kubectl's watch " + (i + 1) + " ended:\n" + err.text());
      }
      io.logplane.tests.http.Response refused = patient.get(watch);
      assertEquals(429, refused.code(), refused.text());
      assertEquals("Too many watches: user \"system:serviceaccount:default:patient\" has 3 open, as many as one user"
          + " may; close some or try again later.", refused.json().path("message").asText());
      assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
      assertEquals(200, patient.get("/api/v1/namespaces/default/configmaps?limit=1").code(), "other requests are served");
      assertEquals(200, admin.get(watch).code(), "the admin is not bounded");
      watches.remove(0).destroy();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> patient.get(watch).code() == 200);
    } finally {
      watches.forEach(Process::destroy);
    }
  }

  /**
   * The same burst at a level that queues what it cannot seat: waited out, all served. Each list is
   * longer than one of the server's chunks, so it is streamed in two writes; the rounds are many
   * because a stream sometimes never sent its data over HTTP/2 (its headers arrived, then nothing),
   * one round in five or ten, until {@code StreamWritability} closed Netty's writability gap.
   */
  @Test
  void aBurstAtAQueuingLevelWaitsAndIsServedWhole() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(BURST);
    try {
      for (int round = 0; round < 10; round++) {
        List<Future<Response>> lists = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
          lists.add(pool.submit(() -> patient.get("/api/v1/namespaces/default/configmaps")));
        }
        for (Future<Response> f : lists) {
          Response r = answered(f, "round " + round + ": a list");
          assertEquals(200, r.code(), r.text());
          assertEquals(uid("service-accounts"), r.headers().firstValue("X-Kubernetes-PF-FlowSchema-UID").orElse(""));
          assertTrue(r.body().length > 256 << 10, "longer than a chunk: " + r.body().length);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The answer, once whole; a list that never is fails the test in a minute rather than hanging it. */
  private static Response answered(Future<Response> f, String what) throws Exception {
    try {
      return f.get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(what + " was never answered whole", e);
    }
  }

  private static String uid(String flowSchema) {
    return admin.get("/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas/" + flowSchema).json()
        .at("/metadata/uid").asText();
  }
}
