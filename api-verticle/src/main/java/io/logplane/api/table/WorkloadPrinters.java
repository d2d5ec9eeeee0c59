package io.logplane.api.table;

import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.num;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Deployments, ReplicaSets, ReplicationControllers, StatefulSets, DaemonSets, Jobs, CronJobs. */
final class WorkloadPrinters {

  private static final Column CONTAINERS =
      Column.text("Containers", "string", "Names of each container in the template.").wide();
  private static final Column IMAGES =
      Column.text("Images", "string", "Images referenced by each container in the template.").wide();
  private static final String READY_DOC = "Number of the pod with ready state";

  private WorkloadPrinters() {}

  static Printer deployment() {
    return new SimplePrinter(List.of(Column.nameColumn(), Column.text("Ready", "string", READY_DOC),
        Column.doc("Up-to-date", "string", "apps/v1.DeploymentStatus.updatedReplicas"),
        Column.doc("Available", "string", "apps/v1.DeploymentStatus.availableReplicas"),
        Column.ageColumn(), CONTAINERS, IMAGES,
        Column.doc("Selector", "string", "apps/v1.DeploymentSpec.selector").wide()),
        (o, now) -> {
          String selector = Cells.selectorString(at(o, "spec", "selector"));
          List<Object> c = row(o, num(o, "status", "readyReplicas") + "/" + desired(o),
              num(o, "status", "updatedReplicas"), num(o, "status", "availableReplicas"), Cells.age(o, now));
          c.addAll(Cells.containers(at(o, "spec", "template", "spec")));
          c.add(selector == null ? "<invalid>" : selector);
          return c;
        });
  }

  static Printer replicaSet() {
    return replicas("apps/v1.ReplicaSetSpec", "apps/v1.ReplicaSetStatus", false);
  }

  static Printer replicationController() {
    return replicas("core/v1.ReplicationControllerSpec", "core/v1.ReplicationControllerStatus", true);
  }

  private static Printer replicas(String spec, String status, boolean mapSelector) {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.doc("Desired", "integer", spec + ".replicas"),
        Column.doc("Current", "integer", status + ".replicas"),
        Column.doc("Ready", "integer", status + ".readyReplicas"),
        Column.ageColumn(), CONTAINERS, IMAGES, Column.doc("Selector", "string", spec + ".selector").wide()),
        (o, now) -> {
          List<Object> c = row(o, desired(o), num(o, "status", "replicas"), num(o, "status", "readyReplicas"),
              Cells.age(o, now));
          c.addAll(Cells.containers(at(o, "spec", "template", "spec")));
          JsonNode sel = at(o, "spec", "selector");
          c.add(mapSelector ? Cells.labels(sel) : Cells.selector(sel));
          return c;
        });
  }

  static Printer statefulSet() {
    return new SimplePrinter(List.of(Column.nameColumn(), Column.text("Ready", "string", READY_DOC), Column.ageColumn(),
        CONTAINERS, IMAGES),
        (o, now) -> {
          List<Object> c = row(o, num(o, "status", "readyReplicas") + "/" + desired(o), Cells.age(o, now));
          c.addAll(Cells.containers(at(o, "spec", "template", "spec")));
          return c;
        });
  }

  static Printer daemonSet() {
    String st = "apps/v1.DaemonSetStatus.";
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.doc("Desired", "integer", st + "desiredNumberScheduled"),
        Column.doc("Current", "integer", st + "currentNumberScheduled"),
        Column.doc("Ready", "integer", st + "numberReady"),
        Column.doc("Up-to-date", "integer", st + "updatedNumberScheduled"),
        Column.doc("Available", "integer", st + "numberAvailable"),
        Column.doc("Node Selector", "string", "core/v1.PodSpec.nodeSelector"),
        Column.ageColumn(), CONTAINERS, IMAGES,
        Column.doc("Selector", "string", "apps/v1.DaemonSetSpec.selector").wide()),
        (o, now) -> {
          JsonNode s = o.path("status");
          List<Object> c = row(o, num(s, "desiredNumberScheduled"), num(s, "currentNumberScheduled"),
              num(s, "numberReady"), num(s, "updatedNumberScheduled"), num(s, "numberAvailable"),
              Cells.labels(at(o, "spec", "template", "spec", "nodeSelector")), Cells.age(o, now));
          c.addAll(Cells.containers(at(o, "spec", "template", "spec")));
          c.add(Cells.selector(at(o, "spec", "selector")));
          return c;
        });
  }

  static Printer job() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.doc("Completions", "string", "batch/v1.JobStatus.succeeded"),
        Column.text("Duration", "string", "Time required to complete the job."),
        Column.ageColumn(), CONTAINERS, IMAGES, Column.doc("Selector", "string", "batch/v1.JobSpec.selector").wide()),
        (o, now) -> {
          List<Object> c = row(o, completions(o), jobDuration(o, now), Cells.age(o, now));
          c.addAll(Cells.containers(at(o, "spec", "template", "spec")));
          c.add(Cells.selector(at(o, "spec", "selector")));
          return c;
        });
  }

  private static String completions(JsonNode job) {
    long succeeded = num(job, "status", "succeeded");
    JsonNode completions = at(job, "spec", "completions");
    if (completions.isNumber()) {
      return succeeded + "/" + completions.asLong();
    }
    long parallelism = num(job, "spec", "parallelism");
    return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
  }

  private static String jobDuration(JsonNode job, long now) {
    Long start = Durations.parse(str(job, "status", "startTime"));
    if (start == null) {
      return "";
    }
    Long done = Durations.parse(str(job, "status", "completionTime"));
    return Durations.human((done == null ? now : done) - start);
  }

  static Printer cronJob() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.doc("Schedule", "string", "batch/v1.CronJobSpec.schedule"),
        Column.doc("Timezone", "string", "batch/v1.CronJobSpec.timeZone"),
        Column.doc("Suspend", "boolean", "batch/v1.CronJobSpec.suspend"),
        Column.doc("Active", "integer", "batch/v1.CronJobStatus.active"),
        Column.doc("Last Schedule", "string", "batch/v1.CronJobStatus.lastScheduleTime"),
        Column.ageColumn(), CONTAINERS, IMAGES, Column.doc("Selector", "string", "batch/v1.JobSpec.selector").wide()),
        (o, now) -> {
          String last = str(o, "status", "lastScheduleTime");
          JsonNode suspend = at(o, "spec", "suspend");
          String tz = str(o, "spec", "timeZone");
          List<Object> c = row(o, str(o, "spec", "schedule"), tz.isEmpty() ? Cells.NONE : tz,
              suspend.isBoolean() ? (suspend.asBoolean() ? "True" : "False") : "<unset>",
              (long) at(o, "status", "active").size(),
              last.isEmpty() ? Cells.NONE : Durations.since(last, now), Cells.age(o, now));
          JsonNode jobSpec = at(o, "spec", "jobTemplate", "spec");
          c.addAll(Cells.containers(at(jobSpec, "template", "spec")));
          c.add(Cells.selector(jobSpec.path("selector")));
          return c;
        });
  }

  /** spec.replicas, which defaulting sets to 1 when the client left it out. */
  private static long desired(JsonNode o) {
    return at(o, "spec", "replicas").asLong(1);
  }

  private static List<Object> row(JsonNode o, Object... cells) {
    List<Object> c = new ArrayList<>();
    c.add(Cells.name(o));
    c.addAll(List.of(cells));
    return c;
  }
}
