package io.logplane.api.rbac;

import io.logplane.api.auth.Authorizer.Attributes;
import io.logplane.api.auth.User;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Query;
import io.logplane.api.http.RequestInfo;

/**
 * What a request asks the authorizer, as kube's RequestInfoFactory reads it, and the 403 it gets
 * when refused, worded as kube-apiserver's {@code responsewriters.Forbidden}.
 */
public final class RequestAttributes {

  private RequestAttributes() {}

  /**
   * The verb of a resource request: get, list or watch (a GET of one object or a collection, or
   * with {@code watch}), create, update, patch, delete or deletecollection. A list or watch whose
   * field selector names one object ({@code metadata.name=x}) asks for that name, so that rules
   * with resourceNames allow {@code kubectl get pod x -w}.
   */
  public static Attributes of(String method, RequestInfo info, Query query) {
    String name = info.name();
    String verb = switch (method) {
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name == null ? "deletecollection" : "delete";
      default -> name != null ? "get" : query.option("watch") ? "watch" : "list";
    };
    if (name == null && (verb.equals("list") || verb.equals("watch"))) {
      String selector = query.get("fieldSelector");
      if (selector != null) {
        for (String term : selector.split(",")) {
          String t = term.strip();
          if (t.startsWith("metadata.name=")) {
            name = t.substring(t.startsWith("metadata.name==") ? "metadata.name==".length() : "metadata.name=".length());
          }
        }
      }
    }
    if (name != null && info.name() != null && query.option("watch") && method.equals("GET")) {
      verb = "watch";
    }
    return new Attributes(verb, info.group(), info.resource(), info.subresource(), info.namespace(), name, null);
  }

  /** A request for a path that names no resource ({@code /metrics}, {@code /openapi/v2}). */
  public static Attributes ofPath(String method, String path) {
    String verb = switch (method) {
      case "POST" -> "post";
      case "PUT" -> "put";
      case "PATCH" -> "patch";
      case "DELETE" -> "delete";
      case "HEAD" -> "head";
      case "OPTIONS" -> "options";
      default -> "get";
    };
    return new Attributes(verb, null, null, null, null, null, path);
  }

  /** The 403 kube-apiserver answers a request its authorizer refused, with the authorizer's reason. */
  public static ApiException forbidden(User user, Attributes a, String reason) {
    String message;
    if (!a.isResourceRequest()) {
      message = "User \"" + user.name() + "\" cannot " + a.verb() + " path \"" + a.path() + "\"";
    } else {
      String resource = a.subresource().isEmpty() ? a.resource() : a.resource() + "/" + a.subresource();
      message = "User \"" + user.name() + "\" cannot " + a.verb() + " resource \"" + resource + "\" in API group \""
          + a.group() + "\" " + (a.namespace().isEmpty() ? "at the cluster scope"
              : "in the namespace \"" + a.namespace() + "\"");
    }
    if (!reason.isEmpty()) {
      message += ": " + reason;
    }
    if (!a.isResourceRequest()) {
      return new ApiException(403, "Forbidden", "forbidden: " + message, null, null, null, null);
    }
    String qualified = a.group().isEmpty() ? a.resource() : a.resource() + "." + a.group();
    String full = a.name().isEmpty() ? qualified + " is forbidden: " + message
        : qualified + " \"" + a.name() + "\" is forbidden: " + message;
    return new ApiException(403, "Forbidden", full, a.name().isEmpty() ? null : a.name(), a.group(), a.resource(), null);
  }
}
