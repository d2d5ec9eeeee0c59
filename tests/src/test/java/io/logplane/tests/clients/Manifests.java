package io.logplane.tests.clients;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.tests.http.Api;

/** The few objects these tests write, as JSON trees. */
final class Manifests {

  private Manifests() {}

  /** A ConfigMap with one data entry. */
  static ObjectNode configMap(String name, String key, String value) {
    ObjectNode cm = Api.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", name);
    cm.putObject("data").put(key, value);
    return cm;
  }

  static ObjectNode namespace(String name) {
    ObjectNode ns = Api.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", name);
    return ns;
  }
}
