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

  /** A minimal pod: one busybox container, labelled so bench's pods are easy to find. */
  static String pod(String namespace, String name) {
    ObjectNode pod = MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata").put("name", name).put("namespace", namespace);
    meta.putObject("labels").put("app", "logplane-bench");
    pod.putObject("spec").putArray("containers").addObject()
        .put("name", "c").put("image", "busybox");
    return pod.toString();
  }
}
