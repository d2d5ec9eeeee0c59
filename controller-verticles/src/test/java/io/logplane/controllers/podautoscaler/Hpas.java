package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.time.Instant;

/** Pods and metrics as the autoscaler's tests need them. */
final class Hpas {

  static final Instant LONG_AGO = Instant.parse("2025-12-31T00:00:00Z");

  private Hpas() {}

  /** A Running pod, Ready since it started, with one container requesting {@code cpu} of cpu. */
  static ObjectNode pod(String name, String cpu, Instant started, boolean ready) {
    ObjectNode p = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    p.putObject("metadata").put("name", name).put("namespace", "default").putObject("labels").put("app", "web");
    p.putObject("spec").putArray("containers").addObject().put("name", "app").putObject("resources")
        .putObject("requests").put("cpu", cpu).put("memory", "64Mi");
    ObjectNode status = p.putObject("status").put("phase", "Running").put("startTime", started.toString());
    status.putArray("conditions").addObject().put("type", "Ready").put("status", ready ? "True" : "False")
        .put("lastTransitionTime", started.toString());
    return p;
  }

  /** A PodMetrics of one container using {@code cpu}, measured at {@code at}. */
  static ObjectNode usage(String name, String cpu, Instant at) {
    ObjectNode m = Json.MAPPER.createObjectNode().put("kind", "PodMetrics").put("apiVersion", "metrics.k8s.io/v1beta1");
    m.putObject("metadata").put("name", name).put("namespace", "default");
    m.put("timestamp", at.toString()).put("window", "15s");
    m.putArray("containers").addObject().put("name", "app").putObject("usage").put("cpu", cpu).put("memory", "10Mi");
    return m;
  }
}
