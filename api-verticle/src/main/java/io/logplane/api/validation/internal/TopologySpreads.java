package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.api.validation.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A pod's topologySpreadConstraints as validateTopologySpreadConstraints checks them in 1.28
 * (minDomains, the node inclusion policies and matchLabelKeys are on by default there).
 */
public final class TopologySpreads {

  private static final List<String> WHEN = List.of("DoNotSchedule", "ScheduleAnyway");
  private static final List<String> POLICIES = List.of("Honor", "Ignore");

  private TopologySpreads() {}

  public static void validate(JsonNode constraints, String path, FieldErrors errors) {
    for (int i = 0; i < constraints.size(); i++) {
      JsonNode c = constraints.get(i);
      String at = path + "[" + i + "]";
      long maxSkew = c.path("maxSkew").asLong(0);
      if (maxSkew <= 0) {
        errors.invalid(at + ".maxSkew", maxSkew, "must be greater than zero");
      }
      String key = c.path("topologyKey").asText("");
      if (key.isEmpty()) {
        errors.required(at + ".topologyKey", "can not be empty");
      }
      String when = c.path("whenUnsatisfiable").asText("");
      if (!WHEN.contains(when)) {
        errors.notSupported(at + ".whenUnsatisfiable", when, WHEN);
      }
      for (int j = i + 1; j < constraints.size(); j++) {
        JsonNode later = constraints.get(j);
        if (key.equals(later.path("topologyKey").asText("")) && when.equals(later.path("whenUnsatisfiable").asText(""))) {
          errors.duplicate(at + ".{topologyKey, whenUnsatisfiable}", "{" + key + ", " + when + "}");
          break;
        }
      }
      JsonNode minDomains = c.get("minDomains");
      if (minDomains != null && !minDomains.isNull()) {
        if (minDomains.asLong() <= 0) {
          errors.invalid(at + ".minDomains", minDomains.asLong(), "must be greater than zero");
        }
        if (!when.equals("DoNotSchedule")) {
          errors.invalid(at + ".minDomains", minDomains.asLong(),
              "can only use minDomains if whenUnsatisfiable=DoNotSchedule, not " + when);
        }
      }
      for (String policy : new String[] {"nodeAffinityPolicy", "nodeTaintsPolicy"}) {
        String v = c.path(policy).asText(null);
        if (v != null && !POLICIES.contains(v)) {
          errors.notSupported(at + "." + policy, v, POLICIES);
        }
      }
      matchLabelKeys(c, at, errors);
      LabelSelectors.validate(c.get("labelSelector"), at + ".labelSelector", errors);
    }
  }

  private static void matchLabelKeys(JsonNode c, String path, FieldErrors errors) {
    JsonNode keys = c.path("matchLabelKeys");
    if (keys.isEmpty()) {
      return;
    }
    JsonNode selector = c.get("labelSelector");
    Set<String> selected = new HashSet<>();
    if (selector == null || selector.isNull()) {
      errors.forbidden(path + ".matchLabelKeys", "must not be specified when labelSelector is not set");
    } else {
      selector.path("matchLabels").fieldNames().forEachRemaining(selected::add);
      selector.path("matchExpressions").forEach(e -> selected.add(e.path("key").asText("")));
    }
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i).asText();
      String at = path + ".matchLabelKeys[" + i + "]";
      Names.check(Names.isQualifiedName(key), at, key, errors);
      if (selected.contains(key)) {
        errors.invalid(at, key, "exists in both matchLabelKeys and labelSelector");
      }
    }
  }
}
