package io.logplane.api.flowcontrol;

import java.util.List;

/**
 * What API Priority and Fairness knows of a request when it classifies it: who asks (user name
 * and groups) and what is asked, either a resource request (verb, API group, resource,
 * subresource, namespace, "" for cluster scope) or a non-resource request (verb and URL path).
 * As in kube, a rule's {@code resources} are matched against {@link #resourceAndSubresource()},
 * "pods" for the pods themselves and "pods/log" for their log.
 */
public record RequestDigest(String user, List<String> groups, String verb, boolean resourceRequest,
    String apiGroup, String resource, String subresource, String namespace, String path) {

  /** Replaces nulls by empty values and copies the groups. */
  public RequestDigest {
    user = user == null ? "" : user;
    groups = groups == null ? List.of() : List.copyOf(groups);
    verb = verb == null ? "" : verb;
    apiGroup = apiGroup == null ? "" : apiGroup;
    resource = resource == null ? "" : resource;
    subresource = subresource == null ? "" : subresource;
    namespace = namespace == null ? "" : namespace;
    path = path == null ? "" : path;
  }

  /** A resource request; {@code namespace} is "" (or null) for a cluster-scoped one. */
  public static RequestDigest resource(String user, List<String> groups, String verb, String apiGroup,
      String resource, String subresource, String namespace) {
    return new RequestDigest(user, groups, verb, true, apiGroup, resource, subresource, namespace, "");
  }

  /** A request for a non-resource URL such as /healthz or /openapi/v2. */
  public static RequestDigest nonResource(String user, List<String> groups, String verb, String path) {
    return new RequestDigest(user, groups, verb, false, "", "", "", "", path);
  }

  /** The resource as rules name it: "resource" or "resource/subresource". */
  public String resourceAndSubresource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }
}
