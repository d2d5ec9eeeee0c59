package io.logplane.controllers.cronjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.TestClock;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A CronJob on a clock the test moves: a Job per schedule time, named after its minute, and the
 * requeue at the next one; concurrency policies; missed times; a time zone; history cleanup.
 */
class CronJobControllerTest {

  private static final String CJ = "batch/cronjobs/ns/cj";
  private final TestClock clock = new TestClock("2026-12-02T10:00:30Z");
  private final MemoryCluster cluster = new MemoryCluster();
  private final Controller controller = CronJobController.controller(cluster.context(clock));

  @Test
  void makesAJobAtEachScheduleTimeAndLooksAgainAtTheNext() throws Exception {
    cronJob("\"schedule\": \"*/1 * * * *\"");
    assertEquals(Duration.ofMillis(30_100), reconcile(), "just past 10:01");
    assertTrue(jobs().isEmpty());
    clock.advance(Duration.ofMillis(30_100));
    assertEquals(Duration.ofMillis(60_000), reconcile());
    ObjectNode job = jobs().get(0);
    long minute = Instant.parse("2026-12-02T10:01:00Z").getEpochSecond() / 60;
    assertEquals("cj-" + minute, Metadata.text(job, "name"));
    assertEquals("CronJob", job.at("/metadata/ownerReferences/0/kind").asText());
    assertEquals("2026-12-02T10:01:00Z", job.at("/metadata/annotations/batch.kubernetes.io~1cronjob-scheduled-timestamp").asText());
    assertEquals("web", job.at("/metadata/labels/app").asText());
    assertEquals(Metadata.uid(job), job.at("/spec/selector/matchLabels/batch.kubernetes.io~1controller-uid").asText());
    assertEquals("cj-" + minute, job.at("/spec/template/metadata/labels/job-name").asText());
    assertEquals(1, job.at("/spec/completions").asInt());
    JsonNode status = status();
    assertEquals("2026-12-02T10:01:00Z", status.path("lastScheduleTime").asText());
    assertEquals(List.of("cj-" + minute), names(status.path("active")));
    reconcile();
    assertEquals(1, jobs().size(), "the time is started once");

    finish(job, "Complete", "2026-12-02T10:01:20Z");
    reconcile();
    assertTrue(status().path("active").isMissingNode());
    assertTrue(status().path("lastSuccessfulTime").isMissingNode(), "as kube: taken from a Job no longer listed");
    reconcile();
    assertEquals("2026-12-02T10:01:20Z", status().path("lastSuccessfulTime").asText());
  }

  @Test
  void forbidSkipsATimeWhileAJobRunsAndReplaceDeletesIt() throws Exception {
    cronJob("\"schedule\": \"* * * * *\", \"concurrencyPolicy\": \"Forbid\"");
    clock.set("2026-12-02T10:01:00.100Z");
    reconcile();
    clock.set("2026-12-02T10:02:00.100Z");
    reconcile();
    assertEquals(1, jobs().size());
    assertTrue(reasons().contains("JobAlreadyActive"), reasons().toString());
    ObjectNode replace = cluster.get(Key.parse(CJ)).deepCopy();
    ((ObjectNode) replace.path("spec")).put("concurrencyPolicy", "Replace");
    cluster.put(Key.parse(CJ), replace);
    reconcile();
    List<ObjectNode> jobs = jobs();
    assertEquals(1, jobs.size());
    assertEquals("2026-12-02T10:02:00Z", jobs.get(0).at("/metadata/annotations/batch.kubernetes.io~1cronjob-scheduled-timestamp").asText());
    assertEquals(1, status().path("active").size());
  }

  @Test
  void allowRunsJobsSideBySide() throws Exception {
    cronJob("\"schedule\": \"* * * * *\"");
    clock.set("2026-12-02T10:01:00.100Z");
    reconcile();
    clock.set("2026-12-02T10:02:00.100Z");
    reconcile();
    assertEquals(2, jobs().size());
    assertEquals(2, status().path("active").size());
  }

  @Test
  void aTimeMissedByMoreThanTheStartingDeadlineIsSkipped() throws Exception {
    cronJob("\"schedule\": \"0 * * * *\", \"startingDeadlineSeconds\": 100");
    clock.set("2026-12-02T11:02:00Z");
    assertEquals(Duration.ofMinutes(58).plusMillis(100), reconcile());
    assertTrue(jobs().isEmpty());
    // counted from 100 s ago, 11:00 is not even looked at (kube's MissSchedule hardly ever shows)
    clock.set("2026-12-02T12:01:00Z");
    reconcile();
    assertEquals(1, jobs().size(), "within 100 s of 12:00");
  }

  @Test
  void manyMissedTimesStartTheMostRecentOnly() throws Exception {
    cronJob("\"schedule\": \"* * * * *\"");
    clock.set("2026-12-02T14:00:30Z");
    reconcile();
    assertEquals(1, jobs().size());
    assertEquals("2026-12-02T14:00:00Z", status().path("lastScheduleTime").asText());
    assertTrue(reasons().contains("TooManyMissedTimes"), "240 missed: " + reasons());
  }

  @Test
  void aTimeZoneMovesTheSchedule() throws Exception {
    cronJob("\"schedule\": \"0 9 * * *\", \"timeZone\": \"Europe/Paris\"");
    assertEquals(Duration.ofDays(1).minusHours(2).minusSeconds(30).plusMillis(100), reconcile(), "8:00 UTC tomorrow");
  }

  @Test
  void finishedJobsBeyondTheHistoryLimitsAreDeletedOldestFirst() throws Exception {
    cronJob("\"schedule\": \"0 0 1 1 *\", \"successfulJobsHistoryLimit\": 2, \"failedJobsHistoryLimit\": 1");
    for (int i = 1; i <= 3; i++) {
      finish(child("ok" + i, "2026-12-02T0" + i + ":00:00Z"), "Complete", "2026-12-02T0" + i + ":00:10Z");
      finish(child("bad" + i, "2026-12-02T0" + i + ":00:00Z"), "Failed", null);
    }
    reconcile();
    assertEquals(List.of("bad3", "ok2", "ok3"), jobs().stream().map(j -> Metadata.text(j, "name")).sorted().toList());
  }

  @Test
  void aSuspendedCronJobStartsNothing() throws Exception {
    cronJob("\"schedule\": \"* * * * *\", \"suspend\": true");
    clock.set("2026-12-02T10:05:00Z");
    assertNull(reconcile());
    assertTrue(jobs().isEmpty());
  }

  private Duration reconcile() throws Exception {
    return controller.reconciler().reconcile(CJ).requeueAfter();
  }

  private List<String> reasons() {
    return cluster.informers.informer("core/events/").list().stream().map(e -> e.path("reason").asText()).toList();
  }

  private JsonNode status() {
    return cluster.get(Key.parse(CJ)).path("status");
  }

  private List<ObjectNode> jobs() {
    return cluster.informers.informer("batch/jobs/").list();
  }

  private static List<String> names(JsonNode refs) {
    return java.util.stream.StreamSupport.stream(refs.spliterator(), false).map(r -> r.path("name").asText()).toList();
  }

  private void cronJob(String spec) {
    cluster.put(Key.parse(CJ), json("""
        {"apiVersion": "batch/v1", "kind": "CronJob",
         "metadata": {"name": "cj", "namespace": "ns", "uid": "cj-uid", "creationTimestamp": "2026-12-02T10:00:00Z"},
         "spec": {%s, "jobTemplate": {"metadata": {"labels": {"app": "web"}},
           "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "c"}]}}}}}}""".formatted(spec)));
  }

  /** A Job of the CronJob as it would have made it. */
  private ObjectNode child(String name, String startTime) {
    ObjectNode job = json("""
        {"metadata": {"name": "%s", "namespace": "ns", "uid": "%s",
          "ownerReferences": [{"kind": "CronJob", "name": "cj", "uid": "cj-uid", "controller": true}]},
         "spec": {"selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "%s"}}},
         "status": {"startTime": "%s"}}""".formatted(name, name, name, startTime));
    return cluster.put(new Key("batch", "jobs", "ns", name), job);
  }

  private void finish(ObjectNode job, String type, String completion) {
    ObjectNode next = cluster.get(new Key("batch", "jobs", "ns", Metadata.text(job, "name"))).deepCopy();
    ObjectNode status = next.with("status");
    status.putArray("conditions").addObject().put("type", type).put("status", "True");
    if (completion != null) {
      status.put("completionTime", completion);
    }
    assertNotNull(cluster.put(new Key("batch", "jobs", "ns", Metadata.text(job, "name")), next));
  }

  private static ObjectNode json(String s) {
    return Json.object(s.getBytes(StandardCharsets.UTF_8));
  }
}
