package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CEL values of one request, built once and only when a policy applies: {@code object},
 * {@code oldObject}, {@code request} (kube's AdmissionRequest as its unstructured form has it:
 * empty optional fields such as {@code namespace}, {@code name} and {@code subResource} are
 * absent, so {@code has(request.namespace)} tells), and {@code namespaceObject} (the fields of
 * the namespace kube's {@code CreateNamespaceObject} keeps; null for cluster-scoped requests and
 * for a request on a Namespace itself). Not thread-safe: one per evaluation.
 */
final class Inputs {

  private static final Set<String> NAMESPACE_METADATA = Set.of("name", "generateName", "namespace", "uid",
      "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
      "labels", "annotations", "finalizers");

  private final Attributes attributes;
  private final JsonNode namespace;
  private Object object;
  private Object oldObject;
  private Map<String, Object> request;
  private Object namespaceObject;

  /** The inputs of {@code attributes}, with the Namespace object named by its namespace (null when none). */
  Inputs(Attributes attributes, JsonNode namespace) {
    this.attributes = attributes;
    this.namespace = namespace;
  }

  Object object() {
    if (object == null) {
      object = CelValues.of(attributes.object());
    }
    return object;
  }

  Object oldObject() {
    if (oldObject == null) {
      oldObject = CelValues.of(attributes.oldObject());
    }
    return oldObject;
  }

  Map<String, Object> request() {
    if (request == null) {
      Attributes a = attributes;
      Map<String, Object> r = new LinkedHashMap<>();
      Map<String, Object> kind = Map.of("group", a.kind().group(), "version", a.kind().version(),
          "kind", a.kind().kind());
      Map<String, Object> resource = Map.of("group", a.resource().group(), "version", a.resource().version(),
          "resource", a.resource().resource());
      r.put("kind", kind);
      r.put("resource", resource);
      putIfNotEmpty(r, "subResource", a.subresource());
      r.put("requestKind", kind);
      r.put("requestResource", resource);
      putIfNotEmpty(r, "requestSubResource", a.subresource());
      putIfNotEmpty(r, "name", a.name());
      putIfNotEmpty(r, "namespace", a.namespace());
      r.put("operation", a.operation());
      Map<String, Object> user = new LinkedHashMap<>();
      putIfNotEmpty(user, "username", a.userInfo().username());
      putIfNotEmpty(user, "uid", a.userInfo().uid());
      if (!a.userInfo().groups().isEmpty()) {
        user.put("groups", new ArrayList<Object>(a.userInfo().groups()));
      }
      if (!a.userInfo().extra().isEmpty()) {
        Map<String, Object> extra = new LinkedHashMap<>();
        a.userInfo().extra().forEach((k, v) -> extra.put(k, new ArrayList<Object>(v)));
        user.put("extra", extra);
      }
      r.put("userInfo", user);
      r.put("dryRun", a.dryRun());
      if (a.options() != null && !a.options().isNull() && !a.options().isMissingNode()) {
        r.put("options", CelValues.of(a.options()));
      }
      request = r;
    }
    return request;
  }

  /** The namespace as {@code namespaceObject} shows it, or CEL's null. */
  Object namespaceObject() {
    if (namespaceObject == null) {
      boolean isNamespace = attributes.kind().group().isEmpty() && attributes.kind().version().equals("v1")
          && attributes.kind().kind().equals("Namespace");
      if (namespace == null || attributes.namespace().isEmpty() || isNamespace) {
        namespaceObject = NullValue.NULL_VALUE;
      } else {
        Map<String, Object> ns = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        namespace.path("metadata").fields().forEachRemaining(e -> {
          if (NAMESPACE_METADATA.contains(e.getKey())) {
            metadata.put(e.getKey(), CelValues.of(e.getValue()));
          }
        });
        ns.put("metadata", metadata);
        for (String part : List.of("spec", "status")) {
          if (namespace.hasNonNull(part)) {
            ns.put(part, CelValues.of(namespace.get(part)));
          }
        }
        namespaceObject = ns;
      }
    }
    return namespaceObject;
  }

  private static void putIfNotEmpty(Map<String, Object> map, String key, String value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }
}
