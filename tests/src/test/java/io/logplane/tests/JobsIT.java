package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs and CronJobs end to end on hollow nodes, through the real kubectl: a Job whose pod runs
 * for a second completes ({@code kubectl wait --for=condition=complete}), one of 3 completions
 * 2 at a time ends with 3 succeeded pods, a failing one with backoffLimit 1 fails with
 * BackoffLimitExceeded, one with ttlSecondsAfterFinished goes with its pods;
 * {@code kubectl create cronjob} makes a Job within its minute, and
 * {@code kubectl create job --from=cronjob/...} one more.
 */
class JobsIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.withHollowNodes(dir, 2);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aJobWhosePodRunsForASecondCompletes() throws Exception {
    kubectl.ok("create", "-f", job("once", 1, 1, 6, 0));
    kubectl.ok("wait", "--for=condition=complete", "job/once", "--timeout=60s");
    JsonNode status = kubectl.json("get", "job", "once").path("status");
    assertEquals(1, status.path("succeeded").asInt(), status.toString());
    assertTrue(status.hasNonNull("completionTime"), status.toString());
    String pods = kubectl.ok("get", "pods", "-l", "job-name=once", "-o",
        "jsonpath={range .items[*]}{.status.phase} {.metadata.finalizers}{\"\\n\"}{end}").out();
    assertEquals("Succeeded", pods.strip(), "its pod succeeded and was counted (no finalizer left)");
    // the Events are sent after the status that says it, not waited for
    String events = "(?s).*SuccessfulCreate\\s+\\S+\\s+job-controller\\s+Created pod: once-.*"
        + "Completed\\s+\\S+\\s+job-controller\\s+Job completed.*";
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      String describe = kubectl.ok("describe", "job", "once").out();
      assertTrue(describe.matches(events), describe);
    });
  }

  @Test
  void threeCompletionsTwoAtATime() throws Exception {
    kubectl.ok("create", "-f", job("three", 3, 2, 6, 0));
    kubectl.ok("wait", "--for=condition=complete", "job/three", "--timeout=90s");
    assertEquals(3, kubectl.json("get", "job", "three").at("/status/succeeded").asInt());
    String phases = kubectl.ok("get", "pods", "-l", "batch.kubernetes.io/job-name=three", "-o",
        "jsonpath={.items[*].status.phase}").out();
    assertEquals("Succeeded Succeeded Succeeded", phases.strip());
    String table = kubectl.ok("get", "job", "three").out();
    assertTrue(table.lines().anyMatch(l -> l.matches("three\\s+3/3\\s+.*")), table);
  }

  @Test
  void aFailingJobEndsFailedWhenItsBackoffLimitIsPassed() throws Exception {
    kubectl.ok("create", "-f", job("failing", 1, 1, 1, 1));
    kubectl.ok("wait", "--for=condition=failed", "job/failing", "--timeout=90s");
    JsonNode status = kubectl.json("get", "job", "failing").path("status");
    assertEquals(2, status.path("failed").asInt(), status.toString());
    JsonNode failed = status.path("conditions").get(0);
    assertEquals("Failed", failed.path("type").asText(), status.toString());
    assertEquals("BackoffLimitExceeded", failed.path("reason").asText(), status.toString());
    String describe = kubectl.ok("describe", "job", "failing").out();
    assertTrue(describe.contains("BackoffLimitExceeded"), describe);
  }

  @Test
  void aFinishedJobWithATtlIsDeletedWithItsPods() throws Exception {
    Path manifest = Path.of(job("brief", 1, 1, 6, 0));
    Files.writeString(manifest, Files.readString(manifest)
        .replace("  backoffLimit:", "  ttlSecondsAfterFinished: 2\n  backoffLimit:"));
    kubectl.ok("create", "-f", manifest.toString());
    kubectl.ok("wait", "--for=delete", "job/brief", "--timeout=60s");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
        kubectl.ok("get", "pods", "-l", "job-name=brief", "-o", "name").out().isBlank());
  }

  @Test
  void aCronJobMakesAJobWithinItsMinuteAndOneOnDemand() throws Exception {
    kubectl.ok("create", "cronjob", "tick", "--image=busybox", "--schedule=*/1 * * * *");
    await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1)).until(() ->
        !kubectl.ok("get", "jobs", "-o", "name").out().lines().filter(l -> l.matches("job.batch/tick-\\d+")).toList()
            .isEmpty());
    JsonNode cronJob = kubectl.json("get", "cronjob", "tick");
    assertTrue(cronJob.at("/status/lastScheduleTime").asText().endsWith(":00Z"), cronJob.toString());
    assertEquals(1, cronJob.at("/status/active").size(), cronJob.toString());
    String scheduled = kubectl.ok("get", "jobs", "-o", "name").out().lines()
        .filter(l -> l.matches("job.batch/tick-\\d+")).findFirst().orElseThrow().substring("job.batch/".length());
    JsonNode job = kubectl.json("get", "job", scheduled);
    assertEquals("CronJob", job.at("/metadata/ownerReferences/0/kind").asText());
    assertEquals(Long.parseLong(scheduled.substring("tick-".length())) * 60,
        java.time.Instant.parse(cronJob.at("/status/lastScheduleTime").asText()).getEpochSecond());

    kubectl.ok("create", "job", "by-hand", "--from=cronjob/tick");
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
        kubectl.json("get", "job", "by-hand").at("/status/active").asInt() == 1);
    assertEquals("tick", kubectl.json("get", "job", "by-hand").at("/metadata/ownerReferences/0/name").asText());
  }

  /** A Job whose pods run for a second and end with the exit code. */
  private static String job(String name, int completions, int parallelism, int backoffLimit, int exitCode)
      throws Exception {
    return Files.writeString(dir.resolve(name + ".yaml"), """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: %s, namespace: default}
        spec:
          completions: %d
          parallelism: %d
          backoffLimit: %d
          template:
            metadata:
              annotations: {hollow.logplane.io/run-for: 1s, hollow.logplane.io/exit-code: "%d"}
            spec:
              restartPolicy: Never
              containers: [{name: work, image: busybox}]
        """.formatted(name, completions, parallelism, backoffLimit, exitCode)).toString();
  }

}
