package io.logplane.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * are rejected by apply() as already existing, so racing servers are harmless.
 */
final class Genesis {

  static final List<String> NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private Genesis() {}

  static void ensure(EventLog log, Projection projection) throws Exception {
    long end = log.endOffset().get(30, TimeUnit.SECONDS);
    if (end > 0) {
      projection.awaitApplied(end - 1).get(120, TimeUnit.SECONDS);
      return;
    }
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
