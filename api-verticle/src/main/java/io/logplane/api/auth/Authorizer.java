package io.logplane.api.auth;

import java.util.List;

/**
 * Decides whether a user may do what a request asks, as kube-apiserver's authorizer: on a
 * resource (verb, API group, resource, subresource, namespace, name) or on a non-resource path.
 * The access reviews ({@code kubectl auth can-i}, SubjectAccessReview) ask it the same question
 * the request path will, so their answers are the server's.
 *
 * <p>Today's authorizer is {@link #DEFAULT}, close to kube's {@code --authorization-mode=AlwaysAllow}.
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

  /**
   * The server's authorizer until RBAC decides: every authenticated user may do everything to
   * every object and path, but read the server's metrics ({@code system:masters} only, as kube's
   * default policy keeps them) and impersonate anyone (refused for all: see {@link Impersonation}).
   */
  Authorizer DEFAULT = new Authorizer() {
    @Override
    public Decision authorize(User user, Attributes request) {
      if (request.verb().equals("impersonate")) {
        return new Decision(false, Impersonation.REASON);
      }
      if (!request.isResourceRequest() && request.path().equals("/metrics") && !user.groups().contains(User.MASTERS)) {
        return new Decision(false, "");
      }
      return new Decision(true, "");
    }

    @Override
    public Rules rules(User user, String namespace) {
      List<String> verbs = List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
      List<NonResourceRule> paths = user.groups().contains(User.MASTERS)
          ? List.of(new NonResourceRule(List.of("*"), List.of("*")))
          : List.of(new NonResourceRule(List.of("*"), List.of("/api", "/api/*", "/apis", "/apis/*", "/healthz",
              "/livez", "/readyz", "/version", "/version/", "/openapi", "/openapi/*",
              "/.well-known/openid-configuration", "/openid/v1/jwks")));
      return new Rules(List.of(new ResourceRule(verbs, List.of("*"), List.of("*"), List.of())), paths, false);
    }
  };
}
