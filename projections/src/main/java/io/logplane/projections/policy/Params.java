package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.policy.CompiledPolicy.ParamKind;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The params a binding evaluates its policy against, as kube 1.28's {@code collectParams}: one
 * "no params" (null) when the policy has no paramKind or the binding no paramRef; else the
 * object named, or every object the selector picks, in the paramRef's namespace or the
 * request's for a namespaced kind. None found is no evaluation, or kube's error when the
 * binding's parameterNotFoundAction is Deny. A param without apiVersion and kind gets the
 * paramKind's, as kube's wrappedParam does.
 */
final class Params {

  /** The params to evaluate (a null element: no params), or why there are none (a configuration error). */
  record Result(List<JsonNode> params, String error) {}

  private static final Result NO_PARAMS = new Result(Collections.singletonList(null), null);

  private Params() {}

  /** kube's message for a paramKind the server does not serve (a policy's configuration error). */
  static String unknownKind(ParamKind kind) {
    return "failed to find resource referenced by paramKind: '" + kind.group() + "/" + kind.version() + ", Kind="
        + kind.kind() + "'";
  }

  /** The params of {@code binding} for a request in {@code namespace}; the paramKind is known to {@code lookup}. */
  static Result collect(ParamKind kind, JsonNode binding, ParamLookup lookup, String namespace) {
    JsonNode ref = binding.path("spec").get("paramRef");
    if (kind == null || ref == null || !ref.isObject()) {
      return NO_PARAMS;
    }
    boolean namespaced = lookup.namespaced(kind.apiVersion(), kind.kind()).orElse(false);
    String refNamespace = ref.path("namespace").asText("");
    String paramsNamespace = null;
    if (namespaced) {
      paramsNamespace = refNamespace.isEmpty() ? namespace : refNamespace;
      if (paramsNamespace.isEmpty()) {
        return error("cannot use namespaced paramRef in policy binding that matches cluster-scoped resources");
      }
    } else if (!refNamespace.isEmpty()) {
      return error("paramRef.namespace must not be provided for a cluster-scoped `paramKind`");
    }
    String name = ref.path("name").asText("");
    JsonNode selector = ref.get("selector");
    boolean hasSelector = selector != null && !selector.isNull();
    List<JsonNode> params = new ArrayList<>();
    if (!name.isEmpty()) {
      if (hasSelector) {
        return error("paramRef.name and paramRef.selector are mutually exclusive");
      }
      JsonNode p = lookup.get(kind.apiVersion(), kind.kind(), paramsNamespace, name);
      if (p != null && !p.isNull()) {
        params.add(typed(p, kind));
      }
    } else if (hasSelector) {
      LabelSelector s;
      try {
        s = LabelSelector.fromJson(selector);
      } catch (SelectorException e) {
        return error(e.getMessage());
      }
      for (JsonNode p : lookup.list(kind.apiVersion(), kind.kind(), paramsNamespace)) {
        if (s.matches(p.path("metadata").get("labels"))) {
          params.add(typed(p, kind));
        }
      }
    } else {
      return error("one of name or selector must be provided");
    }
    if (params.isEmpty() && ref.path("parameterNotFoundAction").asText("").equals("Deny")) {
      return error("no params found for policy binding with `Deny` parameterNotFoundAction");
    }
    return new Result(params, null);
  }

  private static Result error(String message) {
    return new Result(List.of(), message);
  }

  private static JsonNode typed(JsonNode param, ParamKind kind) {
    if (param.hasNonNull("apiVersion") || param.hasNonNull("kind") || !(param instanceof ObjectNode o)) {
      return param;
    }
    ObjectNode copy = o.deepCopy();
    copy.put("apiVersion", kind.apiVersion());
    copy.put("kind", kind.kind());
    return copy;
  }
}
