package io.logplane.api.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The objects a pod's spec uses, as kube's node authorizer graph links them to the pod: the
 * Secrets and ConfigMaps of its volumes (projected sources included), of its containers'
 * environment (all container kinds) and its image pull secrets, and its volumes' claims
 * (an ephemeral volume's claim is {@code <pod>-<volume>}, which the graph links through the pod).
 */
final class PodReferences {

  private static final String[] CONTAINERS = {"initContainers", "containers", "ephemeralContainers"};

  private PodReferences() {}

  static Set<String> secrets(JsonNode spec) {
    Set<String> names = new LinkedHashSet<>();
    spec.path("imagePullSecrets").forEach(s -> add(names, s.path("name")));
    for (JsonNode v : spec.path("volumes")) {
      add(names, v.path("secret").path("secretName"));
      v.path("projected").path("sources").forEach(s -> add(names, s.path("secret").path("name")));
      for (String driver : new String[] {"csi", "cephfs", "flexVolume", "iscsi", "rbd", "scaleIO", "storageos",
          "azureFile"}) {
        JsonNode source = v.path(driver);
        add(names, source.path("nodePublishSecretRef").path("name"));
        add(names, source.path("secretRef").path("name"));
        add(names, source.path("secretName"));
      }
    }
    env(spec, names, "secretKeyRef", "secretRef");
    return names;
  }

  static Set<String> configMaps(JsonNode spec) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode v : spec.path("volumes")) {
      add(names, v.path("configMap").path("name"));
      v.path("projected").path("sources").forEach(s -> add(names, s.path("configMap").path("name")));
    }
    env(spec, names, "configMapKeyRef", "configMapRef");
    return names;
  }

  static Set<String> claims(JsonNode spec) {
    Set<String> names = new LinkedHashSet<>();
    spec.path("volumes").forEach(v -> add(names, v.path("persistentVolumeClaim").path("claimName")));
    return names;
  }

  private static void env(JsonNode spec, Set<String> names, String keyRef, String fromRef) {
    for (String kind : CONTAINERS) {
      for (JsonNode c : spec.path(kind)) {
        c.path("env").forEach(e -> add(names, e.path("valueFrom").path(keyRef).path("name")));
        c.path("envFrom").forEach(e -> add(names, e.path(fromRef).path("name")));
      }
    }
  }

  private static void add(Set<String> names, JsonNode name) {
    if (name.isTextual() && !name.asText().isEmpty()) {
      names.add(name.asText());
    }
  }
}
