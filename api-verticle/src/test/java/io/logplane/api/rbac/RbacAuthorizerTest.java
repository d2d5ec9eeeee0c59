package io.logplane.api.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.Authorizer.Attributes;
import io.logplane.api.auth.User;
import io.logplane.api.http.ApiException;
import io.logplane.projections.Json;
import io.logplane.projections.informers.Informers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RBAC's decisions and escalation checks over objects fed to detached informers, as the
 * bootstrap policy and an administrator would write them.
 */
class RbacAuthorizerTest {

  private final Informers informers = Informers.detached();
  private final RbacAuthorizer rbac = new RbacAuthorizer(informers);
  private final User alice = new User("system:serviceaccount:team:alice", List.of("system:serviceaccounts",
      "system:serviceaccounts:team", "system:authenticated"));

  RbacAuthorizerTest() {
    for (ObjectNode o : BootstrapPolicy.objects()) {
      put(o);
    }
  }

  private void put(ObjectNode o) {
    String key = BootstrapPolicy.key(o);
    informers.informer(key.substring(0, key.indexOf('/', key.indexOf('/') + 1) + 1)).apply(key, o, 1);
  }

  private static ObjectNode json(String text) {
    return Json.object(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static Attributes resource(String verb, String group, String resource, String sub, String ns, String name) {
    return new Attributes(verb, group, resource, sub, ns, name, null);
  }

  @Test
  void theBootstrapPolicyLetsEveryUserDiscoverAndReviewItselfButNothingMore() {
    assertTrue(rbac.authorize(alice, new Attributes("get", null, null, null, null, null, "/apis/apps/v1")).allowed());
    assertTrue(rbac.authorize(alice, new Attributes("get", null, null, null, null, null, "/version")).allowed());
    assertTrue(rbac.authorize(alice, resource("create", "authorization.k8s.io", "selfsubjectaccessreviews", null, null,
        null)).allowed());
    assertFalse(rbac.authorize(alice, resource("list", "", "pods", null, "team", null)).allowed());
    assertFalse(rbac.authorize(alice, new Attributes("get", null, null, null, null, null, "/metrics")).allowed());
    assertTrue(rbac.authorize(new User("prom", List.of("system:monitoring")),
        new Attributes("get", null, null, null, null, null, "/metrics")).allowed());
    assertTrue(rbac.authorize(new User("admin", List.of(User.MASTERS)), resource("delete", "", "nodes", null, null, "n1"))
        .allowed());
    assertEquals("RBAC: allowed by ClusterRoleBinding \"system:kube-scheduler\" of ClusterRole \"system:kube-scheduler\""
        + " to User \"system:kube-scheduler\"", rbac.authorize(new User("system:kube-scheduler", List.of()),
            resource("create", "", "pods", "binding", "default", "p")).reason());
  }

  @Test
  void aRoleBindingGrantsItsRoleInItsNamespaceOnlyAndNamesAMissingRole() {
    put(json("{'apiVersion':'rbac.authorization.k8s.io/v1','kind':'Role','metadata':{'name':'reader','namespace':'team'},"
        + "'rules':[{'apiGroups':[''],'resources':['pods','pods/log'],'verbs':['get','list']},"
        + "{'apiGroups':['apps'],'resources':['deployments'],'resourceNames':['web'],'verbs':['get']}]}"));
    put(json("{'kind':'RoleBinding','metadata':{'name':'alice-reads','namespace':'team'},"
        + "'roleRef':{'kind':'Role','name':'reader','apiGroup':'rbac.authorization.k8s.io'},"
        + "'subjects':[{'kind':'ServiceAccount','name':'alice'}]}"));
    assertEquals("RBAC: allowed by RoleBinding \"alice-reads\" in namespace \"team\" of Role \"reader\" to ServiceAccount"
        + " \"alice/team\"", rbac.authorize(alice, resource("list", "", "pods", null, "team", null)).reason());
    assertTrue(rbac.authorize(alice, resource("get", "", "pods", "log", "team", "p")).allowed());
    assertFalse(rbac.authorize(alice, resource("get", "", "pods", "exec", "team", "p")).allowed());
    assertFalse(rbac.authorize(alice, resource("list", "", "pods", null, "default", null)).allowed());
    assertTrue(rbac.authorize(alice, resource("get", "apps", "deployments", null, "team", "web")).allowed());
    assertFalse(rbac.authorize(alice, resource("get", "apps", "deployments", null, "team", "db")).allowed());

    put(json("{'kind':'RoleBinding','metadata':{'name':'broken','namespace':'team'},"
        + "'roleRef':{'kind':'ClusterRole','name':'nope','apiGroup':'rbac.authorization.k8s.io'},"
        + "'subjects':[{'kind':'Group','name':'system:serviceaccounts:team'}]}"));
    assertEquals("RBAC: clusterrole.rbac.authorization.k8s.io \"nope\" not found",
        rbac.authorize(alice, resource("list", "", "secrets", null, "team", null)).reason());
  }

  @Test
  void aRoleChangedOrDeletedIsReadAgainAtTheNextRequest() {
    put(json("{'kind':'Role','metadata':{'name':'reader','namespace':'team'},"
        + "'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['get']}]}"));
    put(json("{'kind':'RoleBinding','metadata':{'name':'alice-reads','namespace':'team'},"
        + "'roleRef':{'kind':'Role','name':'reader','apiGroup':'rbac.authorization.k8s.io'},"
        + "'subjects':[{'kind':'ServiceAccount','name':'alice'}]}"));
    Attributes getPod = resource("get", "", "pods", null, "team", "p");
    Attributes getSecret = resource("get", "", "secrets", null, "team", "s");
    assertTrue(rbac.authorize(alice, getPod).allowed());
    assertFalse(rbac.authorize(alice, getSecret).allowed());
    put(json("{'kind':'Role','metadata':{'name':'reader','namespace':'team'},"
        + "'rules':[{'apiGroups':[''],'resources':['secrets'],'verbs':['get']}]}"));
    assertFalse(rbac.authorize(alice, getPod).allowed(), "the rules of the role's new version");
    assertTrue(rbac.authorize(alice, getSecret).allowed());
    informers.informer(RbacAuthorizer.ROLES).apply(RbacAuthorizer.ROLES + "team/reader", null, 3);
    assertEquals("RBAC: role.rbac.authorization.k8s.io \"reader\" not found", rbac.authorize(alice, getSecret).reason());
  }

  @Test
  void aDeletedRoleNoBindingNamesIsNotKept() {
    put(json("{'kind':'Role','metadata':{'name':'reader','namespace':'team'},"
        + "'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['get']}]}"));
    put(json("{'kind':'RoleBinding','metadata':{'name':'alice-reads','namespace':'team'},"
        + "'roleRef':{'kind':'Role','name':'reader','apiGroup':'rbac.authorization.k8s.io'},"
        + "'subjects':[{'kind':'ServiceAccount','name':'alice'}]}"));
    assertTrue(rbac.authorize(alice, resource("get", "", "pods", null, "team", "p")).allowed());
    int kept = rbac.rolesKept();
    informers.informer(RbacAuthorizer.ROLE_BINDINGS).apply(RbacAuthorizer.ROLE_BINDINGS + "team/alice-reads", null, 3);
    informers.informer(RbacAuthorizer.ROLES).apply(RbacAuthorizer.ROLES + "team/reader", null, 4);
    assertEquals(kept - 1, rbac.rolesKept(), "its rules went with it");
  }

  @Test
  void noOneGrantsWhatTheyDoNotHoldUnlessTheyMayEscalateOrBind() {
    put(json("{'kind':'Role','metadata':{'name':'manager','namespace':'team'},'rules':[{'apiGroups':['rbac.authorization.k8s.io'],"
        + "'resources':['roles','rolebindings'],'verbs':['get','list','create','update','delete']},{'apiGroups':[''],'resources':['pods'],'verbs':['get','list']}]}"));
    put(json("{'kind':'RoleBinding','metadata':{'name':'alice-manages','namespace':'team'},"
        + "'roleRef':{'kind':'Role','name':'manager'},'subjects':[{'kind':'User','name':'system:serviceaccount:team:alice'}]}"));
    Escalation escalation = new Escalation(rbac, key -> informers.informer(key.substring(0,
        key.indexOf('/', key.indexOf('/') + 1) + 1)).get(key));
    escalation.check(alice, "rbac.authorization.k8s.io", "roles", json("{'metadata':{'name':'ok','namespace':'team'},"
        + "'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['list']}]}"));
    ApiException e = assertThrows(ApiException.class, () -> escalation.check(alice, "rbac.authorization.k8s.io", "roles",
        json("{'metadata':{'name':'more','namespace':'team'},'rules':[{'apiGroups':[''],'resources':['pods','secrets'],"
            + "'verbs':['get','delete']},{'nonResourceURLs':['/metrics'],'verbs':['get']}]}")));
    assertEquals(403, e.code());
    assertEquals("roles.rbac.authorization.k8s.io \"more\" is forbidden: user \"system:serviceaccount:team:alice\""
        + " (groups=[\"system:serviceaccounts\" \"system:serviceaccounts:team\" \"system:authenticated\"]) is attempting"
        + " to grant RBAC permissions not currently held:\n"
        + "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\"]}\n"
        + "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\" \"delete\"]}\n"
        + "{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}", e.getMessage());
    ApiException binding = assertThrows(ApiException.class, () -> escalation.check(alice, "rbac.authorization.k8s.io",
        "rolebindings", json("{'metadata':{'name':'b','namespace':'team'},'roleRef':{'kind':'ClusterRole',"
            + "'name':'cluster-admin'},'subjects':[{'kind':'User','name':'bob'}]}")));
    assertTrue(binding.getMessage().startsWith("rolebindings.rbac.authorization.k8s.io \"b\" is forbidden: user"),
        binding.getMessage());
    assertEquals(404, assertThrows(ApiException.class, () -> escalation.check(alice, "rbac.authorization.k8s.io",
        "rolebindings", json("{'metadata':{'name':'b','namespace':'team'},'roleRef':{'kind':'ClusterRole','name':'nope'}}")))
        .code());

    put(json("{'kind':'ClusterRole','metadata':{'name':'binder'},'rules':[{'apiGroups':['rbac.authorization.k8s.io'],"
        + "'resources':['clusterroles'],'resourceNames':['cluster-admin'],'verbs':['bind']}]}"));
    put(json("{'kind':'ClusterRoleBinding','metadata':{'name':'alice-binds'},'roleRef':{'kind':'ClusterRole','name':'binder'},"
        + "'subjects':[{'kind':'ServiceAccount','name':'alice','namespace':'team'}]}"));
    escalation.check(alice, "rbac.authorization.k8s.io", "rolebindings", json("{'metadata':{'name':'b','namespace':'team'},"
        + "'roleRef':{'kind':'ClusterRole','name':'cluster-admin'},'subjects':[{'kind':'User','name':'bob'}]}"));
  }
}
