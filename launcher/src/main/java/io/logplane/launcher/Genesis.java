package io.logplane.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.scheduling.PriorityClassValidator;
import io.logplane.events.EventLog;
import io.logplane.events.Command;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Projection;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first records of a new cluster's log: a Genesis marker and the namespaces every
 * Kubernetes cluster has. Written only to an empty log; a concurrent second writer's creates
 * are rejected by apply() as already existing, so racing servers are harmless. At every start,
 * as kube-apiserver's bootstrap does, the system PriorityClasses are made if missing.
 */
final class Genesis {

  static final List<String> NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private Genesis() {}

  static void ensure(EventLog log, Projection projection) throws Exception {
    long end = log.endOffset().get(30, TimeUnit.SECONDS);
    if (end > 0) {
      projection.awaitApplied(end - 1).get(120, TimeUnit.SECONDS);
    } else {
      first(log, projection);
    }
    priorityClasses(log, projection);
  }

  private static void priorityClasses(EventLog log, Projection projection) throws Exception {
    long now = System.currentTimeMillis();
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (var e : PriorityClassValidator.SYSTEM.entrySet()) {
      String key = "scheduling.k8s.io/priorityclasses//" + e.getKey();
      if (projection.store().get(key) != null) {
        continue;
      }
      ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "scheduling.k8s.io/v1")
          .put("kind", "PriorityClass");
      Metadata.of(o).put("name", e.getKey()).put("uid", UUID.randomUUID().toString())
          .put("creationTimestamp", Metadata.time(now)).put("generation", 1);
      o.put("value", e.getValue()).put("description", e.getKey().equals("system-node-critical")
          ? "Used for system critical pods that must not be moved from their current node."
          : "Used for system critical pods that must run in the cluster, but can be moved to another node if"
              + " necessary.").put("preemptionPolicy", "PreemptLowerPriority");
      all.add(log.append(new Command.Create(new Command.Meta("system:logplane", UUID.randomUUID().toString(), now),
          key, o)));
    }
    long last = -1;
    for (CompletableFuture<Long> f : all) {
      last = Math.max(last, f.get(30, TimeUnit.SECONDS));
    }
    if (last >= 0) {
      projection.awaitApplied(last).get(60, TimeUnit.SECONDS);
    }
  }

  private static void first(EventLog log, Projection projection) throws Exception {
    long now = System.currentTimeMillis();
    log.append(new Command.Genesis(new Command.Meta("system:logplane", UUID.randomUUID().toString(), now),
        UUID.randomUUID().toString())).get(30, TimeUnit.SECONDS);
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (String ns : NAMESPACES) {
      ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
      ObjectNode m = Metadata.of(o);
      m.put("name", ns).put("uid", UUID.randomUUID().toString()).put("creationTimestamp", Metadata.time(now));
      m.putObject("labels").put("kubernetes.io/metadata.name", ns);
      o.putObject("spec").putArray("finalizers").add("kubernetes");
      o.putObject("status").put("phase", "Active");
      all.add(log.append(new Command.Create(new Command.Meta("system:logplane", UUID.randomUUID().toString(), now),
          Key.namespaceKey(ns), o)));
    }
    long last = 0;
    for (CompletableFuture<Long> f : all) {
      last = Math.max(last, f.get(30, TimeUnit.SECONDS));
    }
    projection.awaitApplied(last).get(60, TimeUnit.SECONDS);
  }
}
