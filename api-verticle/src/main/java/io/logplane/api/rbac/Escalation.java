package io.logplane.api.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.User;
import io.logplane.api.http.ApiException;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * kube's RBAC escalation prevention, on every create and update of a role or binding: no one
 * grants a permission they do not hold. A Role or ClusterRole is written by whoever holds all its
 * rules (in the role's namespace) or may {@code escalate} it; one with an aggregationRule, which
 * can gather anything, only by whoever holds every permission. A binding is written by whoever
 * may {@code bind} the role it names, or holds all of that role's rules. {@code system:masters}
 * holds everything. Refusals are kube's 403, listing the permissions missing.
 */
public final class Escalation {

  static final String GROUP = "rbac.authorization.k8s.io";
  private static final List<Rule> EVERYTHING = List.of(
      new Rule(List.of("*"), List.of("*"), List.of("*"), List.of(), List.of()),
      new Rule(List.of("*"), List.of(), List.of(), List.of(), List.of("*")));

  private final Authorizer authorizer;
  private final Function<String, ObjectNode> lookup;

  /** @param lookup an object of the projection by key, or null */
  public Escalation(Authorizer authorizer, Function<String, ObjectNode> lookup) {
    this.authorizer = authorizer;
    this.lookup = lookup;
  }

  /**
   * @param resource the resource written (roles, clusterroles, rolebindings, clusterrolebindings;
   *                 any other is not checked)
   * @param o        the object as it is to be stored
   * @throws ApiException 403 (404 for a binding to a role that does not exist) when refused
   */
  public void check(User user, String group, String resource, ObjectNode o) {
    if (!group.equals(GROUP) || user.groups().contains(User.MASTERS)) {
      return;
    }
    String namespace = o.path("metadata").path("namespace").asText("");
    String name = Metadata.text(o, "name");
    switch (resource) {
      case "roles", "clusterroles" -> {
        if (allowed(user, "escalate", resource, namespace, name)) {
          return;
        }
        refuseMissing(user, resource, name, namespace, Rule.all(o.path("rules")));
        if (resource.equals("clusterroles") && o.hasNonNull("aggregationRule")
            && !Covers.missing(held(user, namespace), EVERYTHING).isEmpty()) {
          throw forbidden(resource, name, "must have cluster-admin privileges to use the aggregationRule");
        }
      }
      case "rolebindings", "clusterrolebindings" -> {
        JsonNode ref = o.path("roleRef");
        boolean clusterRole = !ref.path("kind").asText().equals("Role");
        String roleName = ref.path("name").asText();
        if (allowed(user, "bind", clusterRole ? "clusterroles" : "roles", namespace, roleName)) {
          return;
        }
        ObjectNode role = lookup.apply(clusterRole ? RbacAuthorizer.CLUSTER_ROLES + "/" + roleName
            : RbacAuthorizer.ROLES + namespace + "/" + roleName);
        if (role == null) {
          String kind = clusterRole ? "clusterroles" : "roles";
          throw new ApiException(404, "NotFound", kind + "." + GROUP + " \"" + roleName + "\" not found", roleName,
              GROUP, kind, null);
        }
        refuseMissing(user, resource, name, namespace, Rule.all(role.path("rules")));
      }
      default -> { }
    }
  }

  /**
   * kube's certificate approval and signing admission: approving or denying a CSR needs
   * {@code approve}, writing its certificate {@code sign}, on the {@code signers} resource of
   * certificates.k8s.io named the CSR's signerName or its domain's {@code <domain>/*}.
   *
   * @throws ApiException 403 in kube's words when neither is allowed
   */
  public void signerPermission(User user, String verb, String csrName, String signerName) {
    if (user.groups().contains(User.MASTERS)) {
      return;
    }
    String domain = signerName.contains("/") ? signerName.substring(0, signerName.indexOf('/')) + "/*" : null;
    for (String name : domain == null ? List.of(signerName) : List.of(signerName, domain)) {
      if (authorizer.authorize(user, new Authorizer.Attributes(verb, "certificates.k8s.io", "signers", null, "", name,
          null)).allowed()) {
        return;
      }
    }
    throw new ApiException(403, "Forbidden", "certificatesigningrequests.certificates.k8s.io \"" + csrName
        + "\" is forbidden: user not permitted to " + verb + " requests with signerName \"" + signerName + "\"",
        csrName, "certificates.k8s.io", "certificatesigningrequests", null);
  }

  private boolean allowed(User user, String verb, String resource, String namespace, String name) {
    return authorizer.authorize(user, new Authorizer.Attributes(verb, GROUP, resource, null, namespace, name, null))
        .allowed();
  }

  private void refuseMissing(User user, String resource, String name, String namespace, List<Rule> granted) {
    List<Rule> missing = Covers.missing(held(user, namespace), granted);
    if (!missing.isEmpty()) {
      throw forbidden(resource, name, "user \"" + user.name() + "\" (groups=" + Covers.quoted(user.groups())
          + ") is attempting to grant RBAC permissions not currently held:\n" + Covers.describe(missing));
    }
  }

  private List<Rule> held(User user, String namespace) {
    Authorizer.Rules rules = authorizer.rules(user, namespace);
    List<Rule> out = new ArrayList<>();
    for (Authorizer.ResourceRule r : rules.resourceRules()) {
      out.add(new Rule(r.verbs(), r.apiGroups(), r.resources(), r.resourceNames(), List.of()));
    }
    for (Authorizer.NonResourceRule r : rules.nonResourceRules()) {
      out.add(new Rule(r.verbs(), List.of(), List.of(), List.of(), r.nonResourceURLs()));
    }
    return out;
  }

  private static ApiException forbidden(String resource, String name, String why) {
    return new ApiException(403, "Forbidden", resource + "." + GROUP + " \"" + name + "\" is forbidden: " + why, name,
        GROUP, resource, null);
  }
}
