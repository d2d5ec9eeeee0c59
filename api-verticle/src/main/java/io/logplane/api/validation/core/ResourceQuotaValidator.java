package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ResourceQuota as ValidateResourceQuota(Update) checks it: each hard limit a quota resource
 * with an amount that is not negative (and whole for counts), scopes known and fitting the
 * resources limited, the scope selector's operators, and scopes that never change.
 */
final class ResourceQuotaValidator implements KindValidator {

  static final List<String> SCOPES = List.of("Terminating", "NotTerminating", "BestEffort", "NotBestEffort",
      "PriorityClass", "CrossNamespacePodAffinity");
  /** Scopes that only exist together with an Exists operator. */
  static final Set<String> EXISTS_ONLY = Set.of("Terminating", "NotTerminating", "BestEffort", "NotBestEffort",
      "CrossNamespacePodAffinity");
  static final Set<String> POD_COMPUTE = Set.of("cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu",
      "requests.memory");
  static final List<List<String>> CONFLICTING = List.of(List.of("BestEffort", "NotBestEffort"),
      List.of("Terminating", "NotTerminating"));

  @Override
  public void validate(ObjectNode quota, FieldErrors errors) {
    JsonNode spec = quota.path("spec");
    TreeSet<String> hard = new TreeSet<>();
    for (Map.Entry<String, JsonNode> e : fields(spec.path("hard"))) {
      String path = "spec.hard[" + e.getKey() + "]";
      ResourceNames.quota(e.getKey(), path, errors);
      ResourceNames.value(e.getKey(), e.getValue(), path, errors);
      hard.add(e.getKey());
    }
    JsonNode scopes = spec.path("scopes");
    Set<String> seen = new HashSet<>();
    for (JsonNode s : scopes) {
      if (!SCOPES.contains(s.asText())) {
        errors.invalid("spec.scopes", scopes, "unsupported scope");
      }
      for (String resource : hard) {
        if (ResourceNames.quotaStandard(resource) && !fits(s.asText(), resource)) {
          errors.invalid("spec.scopes", scopes, "unsupported scope applied to resource");
        }
      }
      seen.add(s.asText());
    }
    conflicts(seen, "spec.scopes", scopes, errors);
    JsonNode expressions = spec.path("scopeSelector").path("matchExpressions");
    Set<String> selected = new HashSet<>();
    for (JsonNode r : expressions) {
      String scope = r.path("scopeName").asText("");
      String path = "spec.scopeSelector.matchExpressions";
      if (!SCOPES.contains(scope)) {
        errors.invalid(path + ".scopeName", scope, "unsupported scope");
      }
      for (String resource : hard) {
        if (ResourceNames.quotaStandard(resource) && !fits(scope, resource)) {
          errors.invalid(path, spec.path("scopeSelector"), "unsupported scope applied to resource");
        }
      }
      ScopeSelectors.operator(r, scope, EXISTS_ONLY.contains(scope), path, errors);
      selected.add(scope);
    }
    conflicts(selected, "spec.scopeSelector.matchExpressions", scopes, errors);
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode quota, FieldErrors errors) {
    Set<String> before = new HashSet<>();
    old.path("spec").path("scopes").forEach(s -> before.add(s.asText()));
    Set<String> after = new HashSet<>();
    quota.path("spec").path("scopes").forEach(s -> after.add(s.asText()));
    if (!before.equals(after)) {
      errors.invalid("spec.scopes", quota.path("spec").path("scopes"), "field is immutable");
    }
  }

  /** Quota has its errors after the spec's (ValidateResourceQuotaUpdate). */
  @Override
  public boolean updateRulesFirst() {
    return false;
  }

  /** IsResourceQuotaScopeValidForResource: which resources a scope can limit. */
  static boolean fits(String scope, String resource) {
    return switch (scope) {
      case "Terminating", "NotTerminating", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity" ->
          resource.equals("pods") || POD_COMPUTE.contains(resource);
      case "BestEffort" -> resource.equals("pods");
      default -> true;
    };
  }

  private static void conflicts(Set<String> scopes, String path, JsonNode shown, FieldErrors errors) {
    for (List<String> pair : CONFLICTING) {
      if (scopes.containsAll(pair)) {
        errors.invalid(path, shown, "conflicting scopes");
      }
    }
  }

  static List<Map.Entry<String, JsonNode>> fields(JsonNode map) {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    map.fields().forEachRemaining(out::add);
    return out;
  }
}
