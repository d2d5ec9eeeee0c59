package io.logplane.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The request bodies bench sends and the one shared mapper. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String namespace(String name) {
    ObjectNode ns = MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", name);
    return ns.toString();
  }

  /** The scheduler of bench's pods, which no cluster runs: they stay Pending, unscheduled. */
  static final String NO_SCHEDULER = "logplane-bench-none";

  /**
   * A minimal pod: one busybox container, labelled so bench's pods are easy to find. It names a
   * scheduler no cluster runs, so the API server alone is measured: no scheduler binds it (nor
   * marks it unschedulable), and no node of the cluster measured (this machine's, under
   * {@code logplane up}) starts tens of thousands of pods meanwhile.
   */
  static String pod(String namespace, String name) {
    ObjectNode pod = MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata").put("name", name).put("namespace", namespace);
    meta.putObject("labels").put("app", "logplane-bench");
    ObjectNode spec = pod.putObject("spec").put("schedulerName", NO_SCHEDULER);
    spec.putArray("containers").addObject()
        .put("name", "c").put("image", "busybox");
    return pod.toString();
  }
}
