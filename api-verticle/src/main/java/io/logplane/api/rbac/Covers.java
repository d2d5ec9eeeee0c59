package io.logplane.api.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether one set of rules holds every permission of another, as kube's RBAC escalation check
 * decides it ({@code validation.Covers}): each rule of the other is broken down into single
 * permissions (one group, resource, verb and name; or one URL and verb), and each must be
 * covered by one rule of the first. Pure.
 */
final class Covers {

  private Covers() {}

  /** The permissions of {@code wanted} that no rule of {@code held} covers, one per rule. */
  static List<Rule> missing(List<Rule> held, List<Rule> wanted) {
    List<Rule> out = new ArrayList<>();
    for (Rule rule : wanted) {
      for (Rule one : breakdown(rule)) {
        if (held.stream().noneMatch(h -> covers(h, one))) {
          out.add(one);
        }
      }
    }
    return out;
  }

  /**
   * The missing permissions as kube lists them in its refusal: a resource's verbs merged into
   * one rule, each written as Go's {@code CompactString}, sorted, one per line.
   */
  static String describe(List<Rule> missing) {
    Map<List<String>, List<String>> verbs = new LinkedHashMap<>();
    List<Rule> others = new ArrayList<>();
    for (Rule r : missing) {
      if (r.nonResourceURLs().isEmpty() && r.resourceNames().isEmpty()) {
        verbs.computeIfAbsent(List.of(r.apiGroups().get(0), r.resources().get(0)), k -> new ArrayList<>())
            .addAll(r.verbs());
      } else {
        others.add(r);
      }
    }
    TreeSet<String> lines = new TreeSet<>();
    verbs.forEach((gr, v) -> lines.add(compact(new Rule(v, List.of(gr.get(0)), List.of(gr.get(1)), List.of(),
        List.of()))));
    others.forEach(r -> lines.add(compact(r)));
    return String.join("\n", lines);
  }

  /** Go's {@code rbacv1helpers.CompactString}. */
  static String compact(Rule r) {
    List<String> parts = new ArrayList<>();
    if (!r.apiGroups().isEmpty()) {
      parts.add("APIGroups:" + quoted(r.apiGroups()));
    }
    if (!r.resources().isEmpty()) {
      parts.add("Resources:" + quoted(r.resources()));
    }
    if (!r.nonResourceURLs().isEmpty()) {
      parts.add("NonResourceURLs:" + quoted(r.nonResourceURLs()));
    }
    if (!r.resourceNames().isEmpty()) {
      parts.add("ResourceNames:" + quoted(r.resourceNames()));
    }
    if (!r.verbs().isEmpty()) {
      parts.add("Verbs:" + quoted(r.verbs()));
    }
    return "{" + String.join(", ", parts) + "}";
  }

  /** Go's {@code %q} of a string slice: {@code ["a" "b"]}. */
  static String quoted(List<String> values) {
    return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(" ", "[", "]"));
  }

  private static List<Rule> breakdown(Rule rule) {
    List<Rule> out = new ArrayList<>();
    for (String group : rule.apiGroups()) {
      for (String resource : rule.resources()) {
        for (String verb : rule.verbs()) {
          if (rule.resourceNames().isEmpty()) {
            out.add(new Rule(List.of(verb), List.of(group), List.of(resource), List.of(), List.of()));
          }
          for (String name : rule.resourceNames()) {
            out.add(new Rule(List.of(verb), List.of(group), List.of(resource), List.of(name), List.of()));
          }
        }
      }
    }
    for (String url : rule.nonResourceURLs()) {
      for (String verb : rule.verbs()) {
        out.add(new Rule(List.of(verb), List.of(), List.of(), List.of(), List.of(url)));
      }
    }
    return out;
  }

  private static boolean covers(Rule owner, Rule one) {
    boolean names = one.resourceNames().isEmpty() ? owner.resourceNames().isEmpty()
        : owner.resourceNames().isEmpty() || owner.resourceNames().containsAll(one.resourceNames());
    return (owner.verbs().contains(Rule.ALL) || owner.verbs().containsAll(one.verbs()))
        && (owner.apiGroups().contains(Rule.ALL) || owner.apiGroups().containsAll(one.apiGroups()))
        && resourcesCover(owner.resources(), one.resources()) && names
        && one.nonResourceURLs().stream().allMatch(u -> owner.nonResourceURLs().stream().anyMatch(o -> urlCovers(o, u)));
  }

  private static boolean resourcesCover(List<String> owner, List<String> wanted) {
    if (owner.contains(Rule.ALL) || owner.containsAll(wanted)) {
      return true;
    }
    for (String path : wanted) {
      if (owner.contains(path)) {
        continue;
      }
      int slash = path.indexOf('/');
      if (slash < 0 || !owner.contains("*/" + path.substring(slash + 1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean urlCovers(String owner, String wanted) {
    return owner.equals(wanted) || owner.endsWith("*") && wanted.startsWith(owner.substring(0, owner.length() - 1));
  }
}
