package io.logplane.api.validation.admissionregistration;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.api.validation.NameRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A policy's {@code matchConstraints} and a binding's {@code matchResources}, as kube's
 * {@code validateMatchResources}: the match policy, both selectors, and each rule's groups,
 * versions, resources (with their subresource wildcards), operations, scope and names.
 */
final class MatchResources {

  static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");
  static final List<String> OPERATIONS = List.of("*", "CONNECT", "CREATE", "DELETE", "UPDATE");
  static final List<String> SCOPES = List.of("*", "Cluster", "Namespaced");

  private MatchResources() {}

  static void validate(JsonNode match, String path, FieldErrors errors) {
    if (match == null || match.isMissingNode() || match.isNull()) {
      return;
    }
    String policy = match.path("matchPolicy").asText("");
    if (policy.isEmpty()) {
      errors.required(path + ".matchPolicy", "");
    } else if (!MATCH_POLICIES.contains(policy)) {
      errors.notSupported(path + ".matchPolicy", policy, MATCH_POLICIES);
    }
    if (!match.path("namespaceSelector").isObject()) {
      errors.required(path + ".namespaceSelector", "");
    } else {
      LabelSelectors.validate(match.get("namespaceSelector"), path + ".namespaceSelector", errors);
    }
    // kube names the object selector's field "labelSelector" in these paths
    if (!match.path("objectSelector").isObject()) {
      errors.required(path + ".labelSelector", "");
    } else {
      LabelSelectors.validate(match.get("objectSelector"), path + ".labelSelector", errors);
    }
    for (String rules : new String[] {"resourceRules", "excludeResourceRules"}) {
      JsonNode list = match.path(rules);
      for (int i = 0; i < list.size(); i++) {
        rule(list.get(i), path + "." + rules + "[" + i + "]", errors);
      }
    }
  }

  private static void rule(JsonNode rule, String path, FieldErrors errors) {
    Set<String> names = new HashSet<>();
    JsonNode resourceNames = rule.path("resourceNames");
    for (int i = 0; i < resourceNames.size(); i++) {
      String name = resourceNames.get(i).asText();
      for (String msg : NameRules.pathSegment(name)) {
        errors.invalid(path + ".resourceNames[" + i + "]", name, msg);
      }
      if (!names.add(name)) {
        errors.duplicate(path + ".resourceNames[" + i + "]", name);
      }
    }
    List<String> operations = texts(rule.path("operations"));
    if (operations.isEmpty()) {
      errors.required(path + ".operations", "");
    }
    if (operations.size() > 1 && operations.contains("*")) {
      errors.invalid(path + ".operations", operations, "if '*' is present, must not specify other operations");
    }
    for (int i = 0; i < operations.size(); i++) {
      if (!OPERATIONS.contains(operations.get(i))) {
        errors.notSupported(path + ".operations[" + i + "]", operations.get(i), OPERATIONS);
      }
    }
    List<String> groups = texts(rule.path("apiGroups"));
    if (groups.isEmpty()) {
      errors.required(path + ".apiGroups", "");
    }
    if (groups.size() > 1 && groups.contains("*")) {
      errors.invalid(path + ".apiGroups", groups, "if '*' is present, must not specify other API groups");
    }
    List<String> versions = texts(rule.path("apiVersions"));
    if (versions.isEmpty()) {
      errors.required(path + ".apiVersions", "");
    }
    if (versions.size() > 1 && versions.contains("*")) {
      errors.invalid(path + ".apiVersions", versions, "if '*' is present, must not specify other API versions");
    }
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).isEmpty()) {
        errors.required(path + ".apiVersions[" + i + "]", "");
      }
    }
    resources(texts(rule.path("resources")), path + ".resources", errors);
    String scope = rule.path("scope").asText(null);
    if (scope != null && !SCOPES.contains(scope)) {
      errors.notSupported(path + ".scope", scope, SCOPES);
    }
  }

  /** kube's validateResources: {@code x/*}, {@code *}{@code /x}, {@code *}{@code /*} and {@code *} each exclude some others. */
  private static void resources(List<String> resources, String path, FieldErrors errors) {
    if (resources.isEmpty()) {
      errors.required(path, "");
    }
    Set<String> withAnySubresource = new HashSet<>();
    Set<String> subresourcesOfAny = new HashSet<>();
    boolean doubleWildcard = false;
    boolean singleWildcard = false;
    boolean plain = false;
    for (int i = 0; i < resources.size(); i++) {
      String r = resources.get(i);
      if (r.isEmpty()) {
        errors.required(path + "[" + i + "]", "");
        continue;
      }
      doubleWildcard |= r.equals("*/*");
      singleWildcard |= r.equals("*");
      int slash = r.indexOf('/');
      if (slash < 0) {
        plain = !r.equals("*");
        continue;
      }
      String res = r.substring(0, slash);
      String sub = r.substring(slash + 1);
      if (withAnySubresource.contains(res)) {
        errors.invalid(path + "[" + i + "]", r, "if '" + res + "/*' is present, must not specify " + r);
      }
      if (subresourcesOfAny.contains(sub)) {
        errors.invalid(path + "[" + i + "]", r, "if '*/" + sub + "' is present, must not specify " + r);
      }
      if (sub.equals("*")) {
        withAnySubresource.add(res);
      }
      if (res.equals("*")) {
        subresourcesOfAny.add(sub);
      }
    }
    if (resources.size() > 1 && doubleWildcard) {
      errors.invalid(path, resources, "if '*/*' is present, must not specify other resources");
    }
    if (singleWildcard && plain) {
      errors.invalid(path, resources, "if '*' is present, must not specify other resources without subresources");
    }
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
