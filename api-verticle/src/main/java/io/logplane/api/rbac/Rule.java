package io.logplane.api.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.auth.Authorizer.Attributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One PolicyRule of a Role or ClusterRole, matched against a request as kube's RBAC authorizer
 * does ({@code RuleAllows}): its verbs, then for a resource request its API groups, resources
 * ({@code *}, {@code resource/subresource}, {@code * /subresource}) and resource names, for a
 * non-resource request its URLs ({@code *}, exact, or a prefix ending in {@code *}).
 */
record Rule(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> resourceNames,
    List<String> nonResourceURLs) {

  static final String ALL = "*";

  static Rule of(JsonNode rule) {
    return new Rule(strings(rule.path("verbs")), strings(rule.path("apiGroups")), strings(rule.path("resources")),
        strings(rule.path("resourceNames")), strings(rule.path("nonResourceURLs")));
  }

  static List<Rule> all(JsonNode rules) {
    List<Rule> out = new ArrayList<>();
    rules.forEach(r -> out.add(of(r)));
    return out;
  }

  boolean allows(Attributes a) {
    if (!matches(verbs, a.verb())) {
      return false;
    }
    if (!a.isResourceRequest()) {
      return urlMatches(a.path());
    }
    return matches(apiGroups, a.group()) && resourceMatches(a.resource(), a.subresource())
        && (resourceNames.isEmpty() || resourceNames.contains(a.name()));
  }

  private boolean resourceMatches(String resource, String subresource) {
    String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
    for (String r : resources) {
      if (r.equals(ALL) || r.equals(combined)
          || !subresource.isEmpty() && r.equals("*/" + subresource)) {
        return true;
      }
    }
    return false;
  }

  private boolean urlMatches(String path) {
    for (String u : nonResourceURLs) {
      if (u.equals(ALL) || u.equals(path) || u.endsWith("*") && path.startsWith(u.substring(0, u.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(List<String> allowed, String value) {
    return allowed.contains(ALL) || allowed.contains(value);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }
}
