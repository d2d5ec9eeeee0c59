package io.logplane.api.validation.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of one rule of a FlowSchema, as kube's {@code ValidateFlowSchemaPolicyRulesWithSubjects}
 * and the functions it calls: at least one subject, each of a known kind carrying the one member
 * its kind names; at least one resource or non-resource rule; known verbs; a {@code '*'} alone in
 * its list; namespaces that are DNS labels unless the rule is cluster scoped; non-resource URLs
 * that are absolute paths with a wildcard only as their last segment.
 */
final class FlowSchemaRules {

  static final List<String> SUBJECT_KINDS = List.of("Group", "ServiceAccount", "User");
  static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
      "proxy", "update", "watch");
  private static final String NAMESPACE_INTRO = "each member of this list must be '*' or a DNS-1123 label; ";

  private FlowSchemaRules() {}

  static void validate(JsonNode rule, String path, FieldErrors errors) {
    JsonNode subjects = rule.path("subjects");
    if (subjects.isEmpty()) {
      errors.required(path + ".subjects", "subjects must contain at least one value");
    }
    for (int i = 0; i < subjects.size(); i++) {
      subject(subjects.get(i), path + ".subjects[" + i + "]", errors);
    }
    JsonNode resourceRules = rule.path("resourceRules");
    JsonNode nonResourceRules = rule.path("nonResourceRules");
    if (resourceRules.isEmpty() && nonResourceRules.isEmpty()) {
      errors.required(path, "at least one of resourceRules and nonResourceRules has to be non-empty");
    }
    for (int i = 0; i < resourceRules.size(); i++) {
      resourceRule(resourceRules.get(i), path + ".resourceRules[" + i + "]", errors);
    }
    for (int i = 0; i < nonResourceRules.size(); i++) {
      nonResourceRule(nonResourceRules.get(i), path + ".nonResourceRules[" + i + "]", errors);
    }
  }

  private static void subject(JsonNode subject, String path, FieldErrors errors) {
    String kind = subject.path("kind").asText("");
    switch (kind) {
      case "ServiceAccount" -> serviceAccount(subject.path("serviceAccount"), path + ".serviceAccount", errors);
      case "User" -> named(subject.path("user"), path + ".user", "user is required when subject kind is 'User'",
          errors);
      case "Group" -> named(subject.path("group"), path + ".group", "group is required when subject kind is 'Group'",
          errors);
      default -> {
        errors.notSupported(path + ".kind", kind, SUBJECT_KINDS);
        return;
      }
    }
    if (!kind.equals("ServiceAccount") && present(subject.path("serviceAccount"))) {
      errors.forbidden(path + ".serviceAccount", "serviceAccount is forbidden when subject kind is not 'ServiceAccount'");
    }
    if (!kind.equals("User") && present(subject.path("user"))) {
      errors.forbidden(path + ".user", "user is forbidden when subject kind is not 'User'");
    }
    if (!kind.equals("Group") && present(subject.path("group"))) {
      errors.forbidden(path + ".group", "group is forbidden when subject kind is not 'Group'");
    }
  }

  private static void named(JsonNode member, String path, String missing, FieldErrors errors) {
    if (!present(member)) {
      errors.required(path, missing);
    } else if (member.path("name").asText("").isEmpty()) {
      errors.required(path + ".name", "");
    }
  }

  private static void serviceAccount(JsonNode account, String path, FieldErrors errors) {
    if (!present(account)) {
      errors.required(path, "serviceAccount is required when subject kind is 'ServiceAccount'");
      return;
    }
    String name = account.path("name").asText("");
    if (name.isEmpty()) {
      errors.required(path + ".name", "");
    } else if (!name.equals("*")) {
      for (String msg : Names.isDns1123Subdomain(name)) {
        errors.invalid(path + ".name", name, msg);
      }
    }
    String namespace = account.path("namespace").asText("");
    if (namespace.isEmpty()) {
      errors.required(path + ".namespace", "must specify namespace for service account");
    } else {
      for (String msg : Names.isDns1123Label(namespace)) {
        errors.invalid(path + ".namespace", namespace, msg);
      }
    }
  }

  private static void resourceRule(JsonNode rule, String path, FieldErrors errors) {
    verbs(rule.path("verbs"), path, errors);
    List<String> groups = strings(rule.path("apiGroups"));
    if (groups.isEmpty()) {
      errors.required(path + ".apiGroups", "resource rules must supply at least one api group");
    } else if (groups.size() > 1 && groups.contains("*")) {
      errors.invalid(path + ".apiGroups", groups, "if '*' is present, must not specify other api groups");
    }
    List<String> resources = strings(rule.path("resources"));
    if (resources.isEmpty()) {
      errors.required(path + ".resources", "resource rules must supply at least one resource");
    } else if (resources.size() > 1 && resources.contains("*")) {
      errors.invalid(path + ".resources", resources, "if '*' is present, must not specify other resources");
    }
    List<String> namespaces = strings(rule.path("namespaces"));
    if (namespaces.isEmpty() && !rule.path("clusterScope").asBoolean(false)) {
      errors.required(path + ".namespaces",
          "resource rules that are not cluster scoped must supply at least one namespace");
    } else if (namespaces.contains("*")) {
      if (namespaces.size() > 1) {
        errors.invalid(path + ".namespaces", namespaces, "if '*' is present, must not specify other namespaces");
      }
    } else {
      for (int i = 0; i < namespaces.size(); i++) {
        for (String msg : Names.isDns1123Label(namespaces.get(i))) {
          errors.invalid(path + ".namespaces[" + i + "]", namespaces.get(i), NAMESPACE_INTRO + msg);
        }
      }
    }
  }

  private static void nonResourceRule(JsonNode rule, String path, FieldErrors errors) {
    verbs(rule.path("verbs"), path, errors);
    List<String> urls = strings(rule.path("nonResourceURLs"));
    if (urls.isEmpty()) {
      errors.required(path + ".nonResourceURLs", "nonResourceURLs must contain at least one value");
    } else if (urls.contains("*")) {
      if (urls.size() > 1) {
        errors.invalid(path + ".nonResourceURLs", urls, "if '*' is present, must not specify other non-resource URLs");
      }
    } else {
      for (int i = 0; i < urls.size(); i++) {
        String problem = urlProblem(urls.get(i));
        if (problem != null) {
          errors.invalid(path + ".nonResourceURLs[" + i + "]", urls.get(i), problem);
        }
      }
    }
  }

  private static void verbs(JsonNode node, String path, FieldErrors errors) {
    List<String> verbs = strings(node);
    if (verbs.isEmpty()) {
      errors.required(path + ".verbs", "verbs must contain at least one value");
    } else if (verbs.contains("*")) {
      if (verbs.size() > 1) {
        errors.invalid(path + ".verbs", verbs, "if '*' is present, must not specify other verbs");
      }
    } else if (!VERBS.containsAll(verbs)) {
      errors.notSupported(path + ".verbs", verbs, VERBS);
    }
  }

  /**
   * Why a non-resource URL is refused, or null: it starts with a slash, has no white space nor
   * double slash, and a {@code '*'} only as its whole last segment.
   */
  static String urlProblem(String url) {
    if (url.isEmpty()) {
      return "must not be empty";
    }
    if (url.equals("/")) {
      return null;
    }
    if (!url.startsWith("/")) {
      return "must start with slash";
    }
    if (url.contains(" ")) {
      return "must not contain white-space";
    }
    if (url.contains("//")) {
      return "must not contain double slash";
    }
    long wildcards = url.chars().filter(c -> c == '*').count();
    if (wildcards > 1 || wildcards == 1 && !url.endsWith("/*")) {
      return "wildcard can only do suffix matching";
    }
    return null;
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.asText("")));
    return out;
  }

  private static boolean present(JsonNode n) {
    return !n.isMissingNode() && !n.isNull();
  }
}
