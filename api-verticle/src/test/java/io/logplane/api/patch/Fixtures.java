package io.logplane.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Objects and helpers shared by the patch tests; objects are written as YAML for reading ease. */
final class Fixtures {

  static final ResourceType DEPLOYMENTS = resource("apps", "deployments");
  static final ResourceType SERVICES = resource("", "services");
  static final ResourceType PODS = resource("", "pods");
  static final ResourceType CONFIGMAPS = resource("", "configmaps");
  static final ResourceType WIDGETS = new ResourceType("example.com", "v1", "widgets", "widget", "Widget", true,
      java.util.List.of(), java.util.List.of(), java.util.List.of(), null);

  private Fixtures() {}

  static ResourceType resource(String group, String plural) {
    return BuiltinResources.all().stream()
        .filter(r -> r.group().equals(group) && r.resource().equals(plural))
        .findFirst().orElseThrow();
  }

  static ObjectNode yaml(String text) {
    try {
      JsonNode n = Json.YAML.readTree(text);
      return n == null || n.isMissingNode() || n.isNull() ? Json.object() : (ObjectNode) n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] json(String yamlText) {
    return Json.text(yaml(yamlText)).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] raw(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: default
        labels: {app: web, tier: front}
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: nginx:1
              args: ["-a", "-b"]
              ports:
              - {containerPort: 80, name: http}
              - {containerPort: 443, name: https}
              env:
              - {name: A, value: "1"}
              - {name: B, value: "2"}
              volumeMounts:
              - {mountPath: /data, name: data}
              - {mountPath: /cache, name: cache}
            - name: sidecar
              image: envoy:1
            volumes:
            - name: data
              emptyDir: {}
            - name: cache
              emptyDir: {}
      """;
}
