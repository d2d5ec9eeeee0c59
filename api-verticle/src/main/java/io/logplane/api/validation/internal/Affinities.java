package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.api.validation.Names;

/**
 * A pod's affinity as validateAffinity checks it: node selector terms and their requirements,
 * weights in 1-100, pod affinity terms with valid selectors, namespaces and a topology key.
 */
public final class Affinities {

  private static final String REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution";
  private static final String PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution";

  private Affinities() {}

  public static void validate(JsonNode affinity, String path, FieldErrors errors) {
    JsonNode node = affinity.path("nodeAffinity");
    String at = path + ".nodeAffinity";
    if (node.hasNonNull(REQUIRED)) {
      NodeSelectors.selector(node.get(REQUIRED), at + "." + REQUIRED, errors);
    }
    JsonNode preferred = node.path(PREFERRED);
    for (int i = 0; i < preferred.size(); i++) {
      String item = at + "." + PREFERRED + "[" + i + "]";
      weight(preferred.get(i), item, errors);
      NodeSelectors.term(preferred.get(i).path("preference"), item + ".preference", errors);
    }
    for (String kind : new String[] {"podAffinity", "podAntiAffinity"}) {
      JsonNode pod = affinity.path(kind);
      JsonNode required = pod.path(REQUIRED);
      for (int i = 0; i < required.size(); i++) {
        podTerm(required.get(i), path + "." + kind + "." + REQUIRED + "[" + i + "]", errors);
      }
      JsonNode weighted = pod.path(PREFERRED);
      for (int i = 0; i < weighted.size(); i++) {
        String item = path + "." + kind + "." + PREFERRED + "[" + i + "]";
        weight(weighted.get(i), item, errors);
        podTerm(weighted.get(i).path("podAffinityTerm"), item + ".podAffinityTerm", errors);
      }
    }
  }

  private static void weight(JsonNode term, String path, FieldErrors errors) {
    long weight = term.path("weight").asLong(0);
    if (weight <= 0 || weight > 100) {
      errors.invalid(path + ".weight", weight, "must be in the range 1-100");
    }
  }

  private static void podTerm(JsonNode term, String path, FieldErrors errors) {
    LabelSelectors.validate(term.get("labelSelector"), path + ".labelSelector", errors);
    LabelSelectors.validate(term.get("namespaceSelector"), path + ".namespaceSelector", errors);
    for (JsonNode ns : term.path("namespaces")) {
      Names.check(Names.isDns1123Label(ns.asText()), path + ".namespace", ns.asText(), errors);
    }
    String key = term.path("topologyKey").asText("");
    if (key.isEmpty()) {
      errors.required(path + ".topologyKey", "can not be empty");
    }
    Names.check(Names.isQualifiedName(key), path + ".topologyKey", key, errors);
  }
}
