package io.logplane.api.auth;

import java.util.List;

/**
 * Decides whether a user may do what a request asks, as kube-apiserver's authorizer: on a
 * resource (verb, API group, resource, subresource, namespace, name) or on a non-resource path.
 * The access reviews ({@code kubectl auth can-i}, SubjectAccessReview) ask it the same question
 * the request path will, so their answers are the server's.
 *
 * <p>The server's is {@link io.logplane.api.rbac.RbacAuthorizer}.
 */
public interface Authorizer {

  /** What a request asks to do: on a resource when {@code resource} is set, else on {@code path}. */
  record Attributes(String verb, String group, String resource, String subresource, String namespace, String name,
      String path) {

    public Attributes {
      verb = verb == null ? "" : verb;
      group = group == null ? "" : group;
      resource = resource == null ? "" : resource;
      subresource = subresource == null ? "" : subresource;
      namespace = namespace == null ? "" : namespace;
      name = name == null ? "" : name;
      path = path == null ? "" : path;
    }

    public boolean isResourceRequest() {
      return path.isEmpty();
    }
  }

  /** The answer, with the reason an authorizer gives (empty when it gives none). */
  record Decision(boolean allowed, String reason) {}

  /** A rule of what a user may do, as SelfSubjectRulesReview lists them. */
  record ResourceRule(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> resourceNames) {}

  /** A rule on non-resource paths. */
  record NonResourceRule(List<String> verbs, List<String> nonResourceURLs) {}

  /** Everything a user may do in a namespace (or at the cluster scope, namespace empty). */
  record Rules(List<ResourceRule> resourceRules, List<NonResourceRule> nonResourceRules, boolean incomplete) {}

  Decision authorize(User user, Attributes request);

  Rules rules(User user, String namespace);
}
