package io.logplane.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.DefaultTolerations;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Creates a set's missing pods from its template ({@code GetPodFromTemplate}) in slow-start
 * batches of 1, 2, 4, ... ({@code slowStartBatch}): a batch with a failure ends the run, so a
 * create refused for a reason that holds for every pod (a quota, a terminating namespace) is
 * tried a few times, not hundreds.
 */
final class PodCreation {

  /** {@code SlowStartInitialBatchSize}. */
  static final int INITIAL_BATCH = 1;

  private final ObjectWriter writer;

  private final EventRecorder events;

  PodCreation(ObjectWriter writer, EventRecorder events) {
    this.writer = writer;
    this.events = events;
  }

  /** Creates count pods; the first failure of a batch is thrown once the batch is done. */
  int create(ObjectNode set, ObjectNode controllerRef, int count) throws InterruptedException, ExecutionException {
    ObjectNode template = pod(set, controllerRef);
    Key key = new Key("core", "pods", Metadata.text(set, "namespace"), "");
    int created = 0;
    int remaining = count;
    for (int batch = Math.min(remaining, INITIAL_BATCH); batch > 0; batch = Math.min(2 * batch, remaining)) {
      List<CompletableFuture<ObjectNode>> writes = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        writes.add(writer.create(key, template.deepCopy()));
      }
      ExecutionException failed = null;
      for (CompletableFuture<ObjectNode> w : writes) {
        try {
          events.normal(set, "SuccessfulCreate", "Created pod: " + Metadata.text(w.get(), "name"));
          created++;
        } catch (ExecutionException e) {
          events.warning(set, "FailedCreate", "Error creating: " + e.getCause().getMessage());
          failed = failed == null ? e : failed;
        }
      }
      if (failed != null) {
        throw failed;
      }
      remaining -= batch;
    }
    return created;
  }

  /** The pod a set's template describes, named {@code <set>-<suffix>}, controlled by the set. */
  static ObjectNode pod(ObjectNode set, ObjectNode controllerRef) {
    JsonNode template = set.path("spec").path("template");
    JsonNode labels = template.path("metadata").path("labels");
    if (!labels.isObject() || labels.isEmpty()) {
      throw new IllegalArgumentException("unable to create pods, no labels");
    }
    ObjectNode pod = JsonNodeFactory.instance.objectNode();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("generateName", Metadata.text(set, "name") + "-");
    meta.put("namespace", Metadata.text(set, "namespace"));
    meta.set("labels", labels.deepCopy());
    for (String field : new String[] {"annotations", "finalizers"}) {
      JsonNode v = template.path("metadata").get(field);
      if (v != null && !v.isNull() && !v.isEmpty()) {
        meta.set(field, v.deepCopy());
      }
    }
    meta.putArray("ownerReferences").add(controllerRef);
    ObjectNode spec = template.path("spec") instanceof ObjectNode s ? s.deepCopy() : pod.objectNode();
    // What the API's admission and pod strategy set on create; this write does not pass them.
    DefaultTolerations.apply(spec);
    pod.set("spec", spec);
    pod.putObject("status").put("phase", "Pending");
    return pod;
  }
}
