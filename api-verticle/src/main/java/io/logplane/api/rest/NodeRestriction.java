package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.rbac.NodeAuthorizer;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * kube's NodeRestriction admission: a node writes its own Node (not its taints, nor the
 * {@code node-restriction.kubernetes.io/} labels), its own Lease in {@code kube-node-lease}, the
 * status of the pods bound to it (not their labels) and deletes of those pods, and creates no pod
 * but a mirror pod bound to it. Refusals are kube's 403s, in its words.
 */
final class NodeRestriction {

  static final String MIRROR = "kubernetes.io/config.mirror";
  static final String RESTRICTED_LABELS = "node-restriction.kubernetes.io/";

  private NodeRestriction() {}

  /** A create, the object as it is to be stored. */
  static void create(Call call, ResourceType t, ObjectNode o) {
    String node = NodeAuthorizer.nodeOf(call.user());
    if (node == null) {
      return;
    }
    String name = Metadata.text(o, "name");
    if (isCore(t, "pods")) {
      if (!o.path("metadata").path("annotations").has(MIRROR)) {
        throw forbidden(t, name, "pod does not have \"" + MIRROR + "\" annotation, node \"" + node
            + "\" can only create mirror pods");
      }
      if (!node.equals(o.path("spec").path("nodeName").asText(""))) {
        throw forbidden(t, name, "node \"" + node + "\" can only create pods with spec.nodeName set to itself");
      }
    } else if (isCore(t, "nodes")) {
      ownNode(t, node, name);
      List<String> labels = restrictedLabels(o, null);
      if (!labels.isEmpty()) {
        throw forbidden(t, name, "node \"" + node + "\" is not allowed to set the following labels: "
            + String.join(", ", labels));
      }
    } else if (isLease(t)) {
      ownLease(t, node, Metadata.text(o, "namespace"), name);
    }
  }

  /** An update of the object itself. */
  static void update(Call call, ResourceType t, ObjectNode old, ObjectNode o) {
    String node = NodeAuthorizer.nodeOf(call.user());
    if (node == null) {
      return;
    }
    String name = call.info().name();
    if (isCore(t, "pods")) {
      throw forbidden(t, name, "unexpected operation \"UPDATE\", node \"" + node
          + "\" can only create and delete mirror pods");
    } else if (isCore(t, "nodes")) {
      ownNode(t, node, name);
      if (!old.path("spec").path("taints").equals(o.path("spec").path("taints"))) {
        throw forbidden(t, name, "node \"" + node + "\" is not allowed to modify taints");
      }
      List<String> labels = restrictedLabels(o, old);
      if (!labels.isEmpty()) {
        throw forbidden(t, name, "is not allowed to modify labels: " + String.join(", ", labels));
      }
    } else if (isLease(t)) {
      ownLease(t, node, call.info().namespace(), name);
    }
  }

  /** An update of a subresource (a status). */
  static void subresource(Call call, ResourceType t, ObjectNode current, ObjectNode o) {
    String node = NodeAuthorizer.nodeOf(call.user());
    if (node == null) {
      return;
    }
    String name = call.info().name();
    if (isCore(t, "pods")) {
      if (!node.equals(current.path("spec").path("nodeName").asText(""))) {
        throw forbidden(t, name, "node \"" + node + "\" can only update pod status for pods with spec.nodeName set to"
            + " itself");
      }
      if (!current.path("metadata").path("labels").equals(o.path("metadata").path("labels"))) {
        throw forbidden(t, name, "node \"" + node + "\" cannot update labels through pod status");
      }
    } else if (isCore(t, "nodes")) {
      ownNode(t, node, name);
    }
  }

  /** Whether a delete by this caller needs the stored object looked at. */
  static boolean concerns(Call call) {
    return NodeAuthorizer.nodeOf(call.user()) != null;
  }

  /** A delete, of the object as stored now. */
  static void delete(Call call, ResourceType t, ObjectNode current) {
    String node = NodeAuthorizer.nodeOf(call.user());
    if (node == null) {
      return;
    }
    String name = call.info().name();
    if (isCore(t, "pods") && !node.equals(current.path("spec").path("nodeName").asText(""))) {
      throw forbidden(t, name, "node \"" + node + "\" can only delete pods with spec.nodeName set to itself");
    } else if (isCore(t, "nodes")) {
      ownNode(t, node, name);
    } else if (isLease(t)) {
      ownLease(t, node, call.info().namespace(), name);
    }
  }

  private static void ownNode(ResourceType t, String node, String name) {
    if (!node.equals(name)) {
      throw forbidden(t, name, "node \"" + node + "\" is not allowed to modify node \"" + name + "\"");
    }
  }

  private static void ownLease(ResourceType t, String node, String namespace, String name) {
    if ("kube-node-lease".equals(namespace) && !node.equals(name)) {
      throw forbidden(t, name, "can only access node lease with the same name as the requesting node");
    }
  }

  /** The {@code node-restriction.kubernetes.io/} labels set or changed (against {@code old}, when given). */
  private static List<String> restrictedLabels(ObjectNode o, ObjectNode old) {
    List<String> found = new ArrayList<>();
    JsonNode labels = o.path("metadata").path("labels");
    JsonNode before = old == null ? null : old.path("metadata").path("labels");
    for (Iterator<String> it = labels.fieldNames(); it.hasNext();) {
      String key = it.next();
      String prefix = key.contains("/") ? key.substring(0, key.indexOf('/') + 1) : "";
      boolean restricted = prefix.equals(RESTRICTED_LABELS) || prefix.endsWith("." + RESTRICTED_LABELS);
      if (restricted && (before == null || !labels.get(key).equals(before.get(key)))) {
        found.add(key);
      }
    }
    found.sort(null);
    return found;
  }

  private static boolean isCore(ResourceType t, String resource) {
    return t.group().isEmpty() && t.resource().equals(resource);
  }

  private static boolean isLease(ResourceType t) {
    return t.group().equals("coordination.k8s.io") && t.resource().equals("leases");
  }

  /** kube's admission.NewForbidden: {@code <resource>[.<group>] "<name>" is forbidden: <why>}. */
  private static ApiException forbidden(ResourceType t, String name, String why) {
    String resource = t.group().isEmpty() ? t.resource() : t.resource() + "." + t.group();
    return new ApiException(403, "Forbidden", resource + " \"" + name + "\" is forbidden: " + why, name, t.group(),
        t.resource(), null);
  }
}
