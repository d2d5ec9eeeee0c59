package io.logplane.api.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Classifies requests by the FlowSchemas of one moment: an immutable snapshot, built from the
 * lists of FlowSchemas and PriorityLevelConfigurations (v1beta3 JSON, defaulted) and built again
 * when they change. As kube-apiserver 1.28 does, the schemas are tried in the order of {@code
 * spec.matchingPrecedence} (lower first) then name, a schema whose priority level does not exist
 * (dangling) is skipped, and a schema matches when one of its rules does: a rule matches when one
 * of its subjects names the requester and, for a resource request, one of its {@code
 * resourceRules} covers verb, API group, resource ("resource/subresource") and namespace (a
 * cluster-scoped request needs {@code clusterScope}; "*" in {@code namespaces} covers every
 * namespace but no cluster-scoped request), or for a non-resource request one of its {@code
 * nonResourceRules} covers verb and path ("*" covers every path, "/x/*" and "/x" every path below
 * /x/). A "*" in a list stands for everything only when it is the list's sole entry, as validation
 * ensures. Kube adds the mandatory exempt and catch-all schemas when they are missing; this
 * snapshot does not (the bootstrap objects do), but falls back to the catch-all schema, or the
 * catch-all level, when nothing matches.
 */
public final class FlowSchemaMatcher {

  static final String CATCH_ALL = "catch-all";
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  /**
   * The classification of a request: the schema that matched, its priority level (names and
   * uids, "" when unknown) and the flow distinguisher (the user name for ByUser, the namespace
   * for ByNamespace, "" without a distinguisher method).
   */
  public record Match(String flowSchema, String flowSchemaUid, String priorityLevel, String priorityLevelUid,
      String flowDistinguisher) {}

  private final List<JsonNode> schemas;
  private final Map<String, JsonNode> levels;
  private final List<String> dangling;

  /** A snapshot of the given objects; neither list is kept nor changed. */
  public FlowSchemaMatcher(List<? extends JsonNode> flowSchemas, List<? extends JsonNode> priorityLevels) {
    Map<String, JsonNode> byName = new HashMap<>();
    for (JsonNode level : priorityLevels) {
      byName.put(name(level), level);
    }
    List<JsonNode> usable = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (JsonNode schema : flowSchemas) {
      if (byName.containsKey(levelName(schema))) {
        usable.add(schema);
      } else {
        broken.add(name(schema));
      }
    }
    usable.sort(Comparator.comparingInt(FlowSchemaMatcher::precedence).thenComparing(FlowSchemaMatcher::name));
    this.schemas = List.copyOf(usable);
    this.levels = Map.copyOf(byName);
    this.dangling = List.copyOf(broken);
  }

  /**
   * The classification of the request, or null when no schema matches and there is neither a
   * usable catch-all schema nor a catch-all priority level.
   */
  public Match match(RequestDigest request) {
    JsonNode catchAll = null;
    for (JsonNode schema : schemas) {
      if (matches(schema, request)) {
        return matchOf(schema, request);
      }
      if (CATCH_ALL.equals(name(schema))) {
        catchAll = schema;
      }
    }
    if (catchAll != null) {
      return matchOf(catchAll, request);
    }
    JsonNode level = levels.get(CATCH_ALL);
    return level == null ? null : new Match("", "", CATCH_ALL, uid(level), "");
  }

  /** The names of the usable schemas in the order they are tried. */
  public List<String> order() {
    return schemas.stream().map(FlowSchemaMatcher::name).toList();
  }

  /** The names of the schemas skipped because their priority level does not exist. */
  public List<String> dangling() {
    return dangling;
  }

  private Match matchOf(JsonNode schema, RequestDigest request) {
    String levelName = levelName(schema);
    return new Match(name(schema), uid(schema), levelName, uid(levels.get(levelName)),
        distinguisher(schema, request));
  }

  /** The flow distinguisher the schema's {@code distinguisherMethod} takes from the request. */
  static String distinguisher(JsonNode schema, RequestDigest request) {
    String type = schema.path("spec").path("distinguisherMethod").path("type").asText("");
    if ("ByUser".equals(type)) {
      return request.user();
    }
    if ("ByNamespace".equals(type)) {
      return request.namespace();
    }
    return "";
  }

  /** Whether one of the schema's rules matches the request. */
  static boolean matches(JsonNode schema, RequestDigest request) {
    for (JsonNode rule : schema.path("spec").path("rules")) {
      if (matchesRule(rule, request)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesRule(JsonNode rule, RequestDigest request) {
    boolean subject = false;
    for (JsonNode s : rule.path("subjects")) {
      subject = subject || matchesSubject(s, request);
    }
    if (!subject) {
      return false;
    }
    if (request.resourceRequest()) {
      for (JsonNode r : rule.path("resourceRules")) {
        if (matchesResourceRule(r, request)) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode r : rule.path("nonResourceRules")) {
      if (contains(r.path("verbs"), request.verb(), "*") && matchesUrl(r.path("nonResourceURLs"), request.path())) {
        return true;
      }
    }
    return false;
  }

  static boolean matchesSubject(JsonNode subject, RequestDigest request) {
    String kind = subject.path("kind").asText("");
    if ("User".equals(kind)) {
      JsonNode name = subject.path("user").path("name");
      return name.isTextual() && ("*".equals(name.asText()) || name.asText().equals(request.user()));
    }
    if ("Group".equals(kind)) {
      JsonNode name = subject.path("group").path("name");
      return name.isTextual() && ("*".equals(name.asText()) || request.groups().contains(name.asText()));
    }
    if ("ServiceAccount".equals(kind)) {
      JsonNode account = subject.path("serviceAccount");
      if (!account.isObject()) {
        return false;
      }
      String namespace = account.path("namespace").asText("");
      String name = account.path("name").asText("");
      if ("*".equals(name)) {
        return request.user().startsWith(SERVICE_ACCOUNT_PREFIX + namespace + ":");
      }
      return request.user().equals(SERVICE_ACCOUNT_PREFIX + namespace + ":" + name);
    }
    return false;
  }

  private static boolean matchesResourceRule(JsonNode rule, RequestDigest request) {
    if (!contains(rule.path("verbs"), request.verb(), "*")
        || !contains(rule.path("resources"), request.resourceAndSubresource(), "*")
        || !contains(rule.path("apiGroups"), request.apiGroup(), "*")) {
      return false;
    }
    if (request.namespace().isEmpty()) {
      return rule.path("clusterScope").asBoolean(false);
    }
    return contains(rule.path("namespaces"), request.namespace(), "*");
  }

  /** Whether a path is among the URLs: "*" covers all; "/a/*" or "/a" cover /a/ and below, "/a" itself. */
  static boolean matchesUrl(JsonNode urls, String path) {
    for (JsonNode url : urls) {
      String rule = url.asText("");
      if ("*".equals(rule) || rule.equals(path)) {
        return true;
      }
      String prefix = rule.endsWith("*") ? rule.substring(0, rule.length() - 1) : rule;
      if (!prefix.endsWith("/")) {
        prefix = prefix + "/";
      }
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the list holds the value, or is exactly the wildcard alone. */
  private static boolean contains(JsonNode list, String value, String wildcard) {
    if (list.size() == 1 && wildcard.equals(list.get(0).asText())) {
      return true;
    }
    for (JsonNode item : list) {
      if (value.equals(item.asText())) {
        return true;
      }
    }
    return false;
  }

  static String name(JsonNode object) {
    return object.path("metadata").path("name").asText("");
  }

  static String uid(JsonNode object) {
    return object == null ? "" : object.path("metadata").path("uid").asText("");
  }

  private static String levelName(JsonNode schema) {
    return schema.path("spec").path("priorityLevelConfiguration").path("name").asText("");
  }

  private static int precedence(JsonNode schema) {
    return schema.path("spec").path("matchingPrecedence").asInt(1000);
  }
}
