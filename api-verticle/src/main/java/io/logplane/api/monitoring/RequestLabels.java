package io.logplane.api.monitoring;

import io.logplane.api.http.RequestInfo;
import java.util.Set;
import java.util.TreeSet;

/**
 * The labels kube-apiserver puts on a resource request's metrics ({@code MonitorRequest} in
 * its endpoints/metrics): the verb as it reports it (uppercase; LIST for a GET of a collection,
 * WATCH, APPLY, CONNECT for the streaming subresources), the dry-run values, the URL's group,
 * version, resource and subresource, and the scope (resource, namespace or cluster).
 */
public record RequestLabels(String verb, String dryRun, String group, String version, String resource,
    String subresource, String scope) {

  /** Subresources kube reports as CONNECT. */
  private static final Set<String> CONNECT = Set.of("log", "exec", "portforward", "attach", "proxy");
  private static final Set<String> VERBS = Set.of("APPLY", "CONNECT", "CREATE", "DELETE", "DELETECOLLECTION", "GET",
      "LIST", "PATCH", "POST", "PROXY", "PUT", "UPDATE", "WATCH", "WATCHLIST");
  private static final String APPLY_PATCH = "application/apply-patch+yaml";

  /**
   * The labels of one request.
   *
   * @param method the HTTP method
   * @param info what the URL names
   * @param watch the value of the {@code watch} parameter, or null
   * @param contentType the Content-Type header, or null
   * @param dryRun the {@code dryRun} parameter's values
   */
  public static RequestLabels of(String method, RequestInfo info, String watch, String contentType,
      java.util.List<String> dryRun) {
    String scope = scope(method, info);
    return new RequestLabels(verb(method, scope, info, watch, contentType), dryRun(dryRun), info.group(),
        info.version(), info.resource(), info.subresource() == null ? "" : info.subresource(), scope);
  }

  /** Kube's {@code CleanScope}: a named object or a create is "resource". */
  static String scope(String method, RequestInfo info) {
    if (info.name() != null || (method.equals("POST") && info.subresource() == null)) {
      return "resource";
    }
    return info.namespace() != null ? "namespace" : "cluster";
  }

  /** Kube's {@code cleanVerb(CanonicalVerb(...))}. */
  static String verb(String method, String scope, RequestInfo info, String watch, String contentType) {
    String verb = (method.equals("GET") || method.equals("HEAD")) ? (scope.equals("resource") ? "GET" : "LIST")
        : method;
    if ((method.equals("GET") || method.equals("LIST")) && watch != null && !watch.equalsIgnoreCase("false")
        && !watch.equals("0")) {
      verb = "WATCH";
    }
    if (verb.equals("PATCH") && APPLY_PATCH.equals(contentType)) {
      verb = "APPLY";
    }
    if (info.subresource() != null && CONNECT.contains(info.subresource())) {
      verb = "CONNECT";
    }
    return VERBS.contains(verb) ? verb : "other";
  }

  /** Kube's {@code cleanDryRun}: the distinct values, sorted, joined by commas; "" without any. */
  static String dryRun(java.util.List<String> values) {
    if (values.isEmpty()) {
      return "";
    }
    for (String v : values) {
      if (!v.equals("All")) {
        return "invalid";
      }
    }
    return String.join(",", new TreeSet<>(values));
  }

  /**
   * Whether the request is long-running as kube's default check has it (watches and the
   * streaming subresources): such requests are not counted in flight.
   */
  public boolean longRunning() {
    return verb.equals("WATCH") || verb.equals("CONNECT");
  }

  /** Whether it counts as {@code readOnly} in flight rather than {@code mutating}. */
  public boolean readOnly() {
    return verb.equals("GET") || verb.equals("LIST");
  }
}
