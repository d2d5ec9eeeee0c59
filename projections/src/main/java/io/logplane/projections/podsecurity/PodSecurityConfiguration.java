package io.logplane.projections.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * kube's {@code PodSecurityConfiguration} (pod-security.admission.config.k8s.io/v1), as
 * kube-apiserver reads it from its {@code --admission-control-config-file}: the {@code defaults}
 * a namespace's missing {@code pod-security.kubernetes.io/*} labels take (enforce, audit, warn
 * and their versions; privileged:latest when not set), and the {@code exemptions}: pods (and
 * pod templates) written by one of the {@code usernames}, in one of the {@code namespaces}, or
 * with one of the {@code runtimeClasses} are not checked, and their audit event says why.
 */
public record PodSecurityConfiguration(Map<String, String> defaults, Set<String> usernames,
    Set<String> runtimeClasses, Set<String> namespaces) {

  /** No defaults, no exemptions: a namespace's labels alone decide. */
  public static final PodSecurityConfiguration NONE =
      new PodSecurityConfiguration(Map.of(), Set.of(), Set.of(), Set.of());
  /** The audit annotation of an exempt request, as kube's plugin notes it. */
  public static final String EXEMPT = "pod-security.kubernetes.io/exempt";
  private static final String LABEL = "pod-security.kubernetes.io/";

  public PodSecurityConfiguration {
    defaults = Map.copyOf(defaults);
    usernames = Set.copyOf(usernames);
    runtimeClasses = Set.copyOf(runtimeClasses);
    namespaces = Set.copyOf(namespaces);
  }

  /**
   * The configuration in an {@code AdmissionConfiguration} (its {@code PodSecurity} plugin's) or
   * a bare {@code PodSecurityConfiguration}; NONE when it has none.
   *
   * @throws IllegalArgumentException naming what is wrong (an unknown level or default)
   */
  public static PodSecurityConfiguration of(JsonNode document) {
    JsonNode config = document;
    if (document.path("kind").asText().equals("AdmissionConfiguration")) {
      config = null;
      for (JsonNode plugin : document.path("plugins")) {
        if (plugin.path("name").asText().equals("PodSecurity")) {
          config = plugin.path("configuration");
        }
      }
      if (config == null) {
        return NONE;
      }
    }
    if (!config.path("kind").asText().equals("PodSecurityConfiguration")) {
      throw new IllegalArgumentException("not a PodSecurityConfiguration: kind " + config.path("kind"));
    }
    Map<String, String> defaults = new LinkedHashMap<>();
    ObjectNode labels = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    config.path("defaults").fields().forEachRemaining(e -> {
      if (!e.getKey().matches("(enforce|audit|warn)(-version)?")) {
        throw new IllegalArgumentException("defaults: unknown field \"" + e.getKey() + "\"");
      }
      defaults.put(LABEL + e.getKey(), e.getValue().asText());
      labels.put(LABEL + e.getKey(), e.getValue().asText());
    });
    var errors = PodSecurityStandards.invalidLabels(labels);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("defaults." + errors.get(0).getKey().replaceFirst(".*/(.*)]$", "$1") + ": "
          + errors.get(0).getValue());
    }
    JsonNode exemptions = config.path("exemptions");
    return new PodSecurityConfiguration(defaults, strings(exemptions.path("usernames")),
        strings(exemptions.path("runtimeClasses")), strings(exemptions.path("namespaces")));
  }

  private static Set<String> strings(JsonNode list) {
    Set<String> out = new TreeSet<>();
    list.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Why a write is exempt ({@code namespace}, {@code runtimeClass}, {@code user}, as kube checks them), or null. */
  public String exemption(String user, String namespace, JsonNode podSpec) {
    if (namespaces.contains(namespace)) {
      return "namespace";
    }
    String runtimeClass = podSpec == null ? "" : podSpec.path("runtimeClassName").asText("");
    if (!runtimeClass.isEmpty() && runtimeClasses.contains(runtimeClass)) {
      return "runtimeClass";
    }
    return user != null && usernames.contains(user) ? "user" : null;
  }

  /** A namespace's labels with the defaults for those it lacks (null namespace: the defaults). */
  JsonNode labels(JsonNode namespace) {
    JsonNode labels = namespace == null ? null : namespace.path("metadata").path("labels");
    if (defaults.isEmpty()) {
      return labels;
    }
    ObjectNode merged = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    defaults.forEach(merged::put);
    if (labels != null && labels.isObject()) {
      merged.setAll((ObjectNode) labels);
    }
    return merged;
  }
}
