package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;

/**
 * Whether a request falls under a policy's {@code matchConstraints} or a binding's
 * {@code matchResources}, as kube's policy matcher (matching.go, over the webhook predicates):
 * the namespace selector (a cluster-scoped request other than a Namespace always passes; a
 * Namespace created or updated is judged on its own labels), the object selector (the object's
 * or the old object's labels, either will do), the excluded rules, then the rules (none: every
 * resource). A rule matches on operation ({@code *} for all), API group and version
 * ({@code *}), resource ({@code *}, {@code pods/status}, {@code pods/*}, {@code *\/*}), scope
 * ({@code Cluster}, {@code Namespaced}, {@code *}) and, when listed, resource names. matchPolicy
 * Equivalent is treated as Exact: no request is matched through another version of its resource.
 * A missing selector selects everything, as kube's defaults make it.
 */
final class Matching {

  /** Whether the request matches, or why it could not be told (kube's error, a configuration error). */
  record Result(boolean matches, String error) {
    static final Result YES = new Result(true, null);
    static final Result NO = new Result(false, null);
  }

  private Matching() {}

  /** {@code criteria}: a MatchResources object; {@code namespace} the request's Namespace, or null. */
  static Result matches(JsonNode criteria, Attributes a, JsonNode namespace) {
    String namespaceError = null;
    boolean namespaceMatches = true;
    try {
      namespaceMatches = namespaceMatches(criteria, a, namespace);
    } catch (SelectorException e) {
      namespaceMatches = false;
      namespaceError = "Internal error occurred: " + e.getMessage();
    } catch (NamespaceNotFound e) {
      namespaceMatches = false;
      namespaceError = e.getMessage();
    }
    if (!namespaceMatches && namespaceError == null) {
      return Result.NO;
    }
    String objectError = null;
    boolean objectMatches;
    try {
      LabelSelector selector = selector(criteria.get("objectSelector"));
      objectMatches = selector.isEverything() || selects(selector, a.object()) || selects(selector, a.oldObject());
    } catch (SelectorException e) {
      objectMatches = false;
      objectError = "Internal error occurred: " + e.getMessage();
    }
    if (!objectMatches && objectError == null) {
      return Result.NO;
    }
    if (anyRule(criteria.path("excludeResourceRules"), a)) {
      return Result.NO;
    }
    JsonNode rules = criteria.path("resourceRules");
    if (!rules.isEmpty() && !anyRule(rules, a)) {
      return Result.NO;
    }
    // The request is of the resources matched: now the selectors' errors count.
    if (namespaceError != null) {
      return new Result(false, namespaceError);
    }
    if (objectError != null) {
      return new Result(false, objectError);
    }
    return Result.YES;
  }

  private static boolean namespaceMatches(JsonNode criteria, Attributes a, JsonNode namespace) {
    boolean namespaces = a.resource().resource().equals("namespaces");
    if (a.namespace().isEmpty() && !namespaces) {
      return true;
    }
    LabelSelector selector = selector(criteria.get("namespaceSelector"));
    if (selector.isEverything()) {
      return true;
    }
    JsonNode labels;
    if (namespaces && a.subresource().isEmpty()
        && (a.operation().equals("CREATE") || a.operation().equals("UPDATE"))) {
      labels = labels(a.object());
    } else if (namespace == null || namespace.isNull()) {
      throw new NamespaceNotFound("namespaces \"" + a.namespace() + "\" not found");
    } else {
      labels = labels(namespace);
    }
    return selector.matches(labels);
  }

  /** A selector as given; a missing one selects everything (kube defaults it to {}). */
  private static LabelSelector selector(JsonNode selector) {
    return selector == null || selector.isNull() ? LabelSelector.everything() : LabelSelector.fromJson(selector);
  }

  /** kube's matchObject: no object matches nothing. */
  private static boolean selects(LabelSelector selector, JsonNode object) {
    return object != null && object.isObject() && selector.matches(labels(object));
  }

  private static JsonNode labels(JsonNode object) {
    return object == null ? null : object.path("metadata").get("labels");
  }

  private static boolean anyRule(JsonNode rules, Attributes a) {
    for (JsonNode rule : rules) {
      if (rule(rule, a) && named(rule.path("resourceNames"), a.name())) {
        return true;
      }
    }
    return false;
  }

  private static boolean named(JsonNode names, String name) {
    if (names.isEmpty()) {
      return true;
    }
    for (JsonNode n : names) {
      if (n.asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** kube's rules.Matcher: scope, operation, group, version and resource. */
  static boolean rule(JsonNode rule, Attributes a) {
    return scope(rule.path("scope").asText("*"), a)
        && listed(rule.path("operations"), a.operation())
        && listed(rule.path("apiGroups"), a.resource().group())
        && listed(rule.path("apiVersions"), a.resource().version())
        && resource(rule.path("resources"), a.resource().resource(), a.subresource());
  }

  private static boolean scope(String scope, Attributes a) {
    boolean namespaceObject = a.resource().group().isEmpty() && a.resource().version().equals("v1")
        && a.resource().resource().equals("namespaces");
    return switch (scope) {
      case "*" -> true;
      case "Namespaced" -> !namespaceObject && !a.namespace().isEmpty();
      case "Cluster" -> namespaceObject || a.namespace().isEmpty();
      default -> false;
    };
  }

  private static boolean listed(JsonNode items, String value) {
    for (JsonNode item : items) {
      if (item.asText().equals("*") || item.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean resource(JsonNode resources, String resource, String subresource) {
    for (JsonNode r : resources) {
      String text = r.asText();
      int slash = text.indexOf('/');
      String res = slash < 0 ? text : text.substring(0, slash);
      String sub = slash < 0 ? "" : text.substring(slash + 1);
      if ((res.equals("*") || res.equals(resource)) && (sub.equals("*") || sub.equals(subresource))) {
        return true;
      }
    }
    return false;
  }

  /** kube's NotFound for the request's namespace, when a namespace selector must read it. */
  private static final class NamespaceNotFound extends RuntimeException {
    NamespaceNotFound(String message) {
      super(message, null, false, false);
    }
  }
}
