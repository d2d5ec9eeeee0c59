package io.logplane.api.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.User;
import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kube-apiserver's authorizer chain as kubeadm sets it up, without the Node authorizer: the
 * {@code system:masters} group may do everything (kube's privileged-group authorizer, before any
 * policy), then RBAC decides from the Roles, ClusterRoles and their bindings the projection
 * holds. A ClusterRoleBinding grants its ClusterRole everywhere, a RoleBinding its Role or
 * ClusterRole in its own namespace. Subjects are users by name, groups (every authenticated user
 * is in {@code system:authenticated}) and service accounts (a RoleBinding's without a namespace
 * are of its own). A binding to a role that does not exist grants nothing, and is named in the
 * refusal's reason, as kube's.
 */
public final class RbacAuthorizer implements Authorizer {

  static final String GROUP = "rbac.authorization.k8s.io/";
  static final String CLUSTER_ROLES = GROUP + "clusterroles/";
  static final String CLUSTER_ROLE_BINDINGS = GROUP + "clusterrolebindings/";
  static final String ROLES = GROUP + "roles/";
  static final String ROLE_BINDINGS = GROUP + "rolebindings/";
  static final String AUTHENTICATED = "system:authenticated";
  private static final String SERVICE_ACCOUNT = "system:serviceaccount:";
  private static final String BY_NAMESPACE = "rbac.namespace";

  private final Informer clusterRoles;
  private final Informer clusterRoleBindings;
  private final Informer roles;
  private final Informer roleBindings;
  /**
   * Each role's rules as parsed, by the role's key, with the object they were parsed from: an
   * informer replaces an object on every change, so the same object has the same rules. Every
   * write of a component and every request of a user outside {@code system:masters} reads them.
   */
  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

  private record Parsed(ObjectNode role, List<Rule> rules) {}

  public RbacAuthorizer(Informers informers) {
    this.clusterRoles = informers.informer(CLUSTER_ROLES);
    this.clusterRoleBindings = informers.informer(CLUSTER_ROLE_BINDINGS);
    this.roles = informers.informer(ROLES);
    this.roleBindings = informers.informer(ROLE_BINDINGS);
    roleBindings.addIndex(BY_NAMESPACE, b -> List.of(Metadata.text(b, "namespace")));
    // a deleted role's rules go with it, though no binding names it any more to notice
    Informer.Handler forgetDeleted = (key, old, now) -> {
      if (now == null) {
        parsed.remove(key);
      }
    };
    clusterRoles.addHandler(forgetDeleted);
    roles.addHandler(forgetDeleted);
  }

  /** How many roles' parsed rules are kept. */
  int rolesKept() {
    return parsed.size();
  }

  @Override
  public Decision authorize(User user, Attributes request) {
    if (user.groups().contains(User.MASTERS)) {
      return new Decision(true, "");
    }
    Set<String> errors = new LinkedHashSet<>();
    for (ObjectNode binding : clusterRoleBindings.list()) {
      String subject = subject(binding, user, "");
      if (subject != null) {
        String allowedBy = allows(binding, rules(binding, "", errors), request, subject);
        if (allowedBy != null) {
          return new Decision(true, allowedBy);
        }
      }
    }
    if (!request.namespace().isEmpty()) {
      for (ObjectNode binding : roleBindings.byIndex(BY_NAMESPACE, request.namespace())) {
        String subject = subject(binding, user, request.namespace());
        if (subject != null) {
          String allowedBy = allows(binding, rules(binding, request.namespace(), errors), request, subject);
          if (allowedBy != null) {
            return new Decision(true, allowedBy);
          }
        }
      }
    }
    return new Decision(false, errors.isEmpty() ? ""
        : "RBAC: " + (errors.size() == 1 ? errors.iterator().next() : "[" + String.join(", ", errors) + "]"));
  }

  @Override
  public Rules rules(User user, String namespace) {
    if (user.groups().contains(User.MASTERS)) {
      return new Rules(List.of(new ResourceRule(List.of("*"), List.of("*"), List.of("*"), List.of())),
          List.of(new NonResourceRule(List.of("*"), List.of("*"))), false);
    }
    Set<String> errors = new LinkedHashSet<>();
    List<Rule> all = new ArrayList<>();
    for (ObjectNode binding : clusterRoleBindings.list()) {
      if (subject(binding, user, "") != null) {
        all.addAll(rules(binding, "", errors));
      }
    }
    if (!namespace.isEmpty()) {
      for (ObjectNode binding : roleBindings.byIndex(BY_NAMESPACE, namespace)) {
        if (subject(binding, user, namespace) != null) {
          all.addAll(rules(binding, namespace, errors));
        }
      }
    }
    List<ResourceRule> resources = new ArrayList<>();
    List<NonResourceRule> paths = new ArrayList<>();
    for (Rule r : all) {
      if (!r.nonResourceURLs().isEmpty()) {
        paths.add(new NonResourceRule(r.verbs(), r.nonResourceURLs()));
      } else {
        resources.add(new ResourceRule(r.verbs(), r.apiGroups(), r.resources(), r.resourceNames()));
      }
    }
    return new Rules(resources, paths, !errors.isEmpty());
  }

  /** The rules of the binding's role; none, and an error said, when the role does not exist. */
  private List<Rule> rules(ObjectNode binding, String namespace, Set<String> errors) {
    JsonNode ref = binding.path("roleRef");
    String name = ref.path("name").asText();
    boolean clusterRole = !ref.path("kind").asText().equals("Role");
    String key = clusterRole ? CLUSTER_ROLES + "/" + name : ROLES + namespace + "/" + name;
    ObjectNode role = (clusterRole ? clusterRoles : roles).get(key);
    if (role == null) {
      parsed.remove(key);
      errors.add((clusterRole ? "clusterrole" : "role") + ".rbac.authorization.k8s.io \"" + name + "\" not found");
      return List.of();
    }
    Parsed known = parsed.get(key);
    if (known == null || known.role() != role) {
      known = new Parsed(role, List.copyOf(Rule.all(role.path("rules"))));
      parsed.put(key, known);
    }
    return known.rules();
  }

  /** kube's allow reason when a rule allows the request, else null. */
  private static String allows(ObjectNode binding, List<Rule> rules, Attributes request, String subject) {
    for (Rule r : rules) {
      if (r.allows(request)) {
        String namespace = binding.path("metadata").path("namespace").asText("");
        JsonNode ref = binding.path("roleRef");
        String kind = namespace.isEmpty() ? "ClusterRoleBinding" : "RoleBinding";
        return "RBAC: allowed by " + kind + " \"" + Metadata.text(binding, "name") + "\""
            + (namespace.isEmpty() ? "" : " in namespace \"" + namespace + "\"") + " of " + ref.path("kind").asText()
            + " \"" + ref.path("name").asText() + "\" to " + subject;
      }
    }
    return null;
  }

  /**
   * How the binding names the user ({@code User "x"}, {@code Group "g"}, {@code ServiceAccount
   * "n/ns"}), or null when it does not.
   */
  static String subject(ObjectNode binding, User user, String namespace) {
    for (JsonNode s : binding.path("subjects")) {
      String name = s.path("name").asText();
      switch (s.path("kind").asText()) {
        case "User" -> {
          if (name.equals(user.name())) {
            return "User \"" + name + "\"";
          }
        }
        case "Group" -> {
          if (user.groups().contains(name) || name.equals(AUTHENTICATED)) {
            return "Group \"" + name + "\"";
          }
        }
        case "ServiceAccount" -> {
          String ns = s.path("namespace").asText("").isEmpty() ? namespace : s.path("namespace").asText();
          if (!ns.isEmpty() && user.name().equals(SERVICE_ACCOUNT + ns + ":" + name)) {
            return "ServiceAccount \"" + name + "/" + ns + "\"";
          }
        }
        default -> { }
      }
    }
    return null;
  }
}
