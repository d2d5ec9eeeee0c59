package io.logplane.api.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Roles, ClusterRoles and bindings every Kubernetes cluster starts with (cluster-admin, admin,
 * edit, view, system:discovery, system:basic-user, system:node, system:kube-scheduler, the
 * controllers' roles…), as kube-apiserver 1.28's {@code rbac/bootstrap-roles} hook makes them:
 * the list is what a kube-apiserver 1.28.7 served after its first start, labels and annotations
 * kept; {@code logplane-policy.json} adds the roles of Logplane's own controllers (the Ingress
 * and the load-balancer ones), bound to their service accounts as kube binds its controllers'.
 * Each start makes the missing ones, and adds to those still marked {@code
 * rbac.authorization.kubernetes.io/autoupdate: "true"} the rules (roles without an
 * aggregationRule) or subjects (bindings) they lack, as kube's reconciliation does; an
 * administrator who set autoupdate to false keeps them as they are.
 */
public final class BootstrapPolicy {

  static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
  private static final Map<String, String> RESOURCES = Map.of("ClusterRole", "clusterroles", "ClusterRoleBinding",
      "clusterrolebindings", "Role", "roles", "RoleBinding", "rolebindings");

  private BootstrapPolicy() {}

  /** The bootstrap objects, fresh copies, in the order they are made (roles before their bindings). */
  public static List<ObjectNode> objects() {
    List<ObjectNode> out = new ArrayList<>();
    for (String file : new String[] {"bootstrap-policy.json", "logplane-policy.json"}) {
      try (InputStream in = BootstrapPolicy.class.getResourceAsStream(file)) {
        for (JsonNode o : Json.MAPPER.readTree(in)) {
          out.add((ObjectNode) o);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the bootstrap policy is part of the build", e);
      }
    }
    return out;
  }

  /** The projection key of a bootstrap object. */
  public static String key(ObjectNode o) {
    return "rbac.authorization.k8s.io/" + RESOURCES.get(o.path("kind").asText()) + "/"
        + o.path("metadata").path("namespace").asText("") + "/" + Metadata.text(o, "name");
  }

  /**
   * The stored object with what the bootstrap one adds, or null when nothing is to change: it is
   * not marked for autoupdate, or has every rule and subject already.
   */
  public static ObjectNode reconciled(ObjectNode stored, ObjectNode bootstrap) {
    if (!"true".equals(stored.path("metadata").path("annotations").path(AUTOUPDATE).asText())) {
      return null;
    }
    String field = bootstrap.has("roleRef") ? "subjects" : "rules";
    if (field.equals("rules") && bootstrap.has("aggregationRule")) {
      return null; // the aggregation controller fills its rules
    }
    ArrayNode have = stored.get(field) instanceof ArrayNode a ? a : Json.MAPPER.createArrayNode();
    ArrayNode missing = Json.MAPPER.createArrayNode();
    for (JsonNode wanted : bootstrap.path(field)) {
      boolean present = false;
      for (JsonNode h : have) {
        present |= h.equals(wanted);
      }
      if (!present) {
        missing.add(wanted);
      }
    }
    if (missing.isEmpty()) {
      return null;
    }
    ObjectNode next = stored.deepCopy();
    ArrayNode merged = have.deepCopy();
    merged.addAll(missing);
    next.set(field, merged);
    return next;
  }
}
