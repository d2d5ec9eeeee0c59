package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logplane.api.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kube's impersonation filter: each part of the identity asked for is authorized in its order,
 * the first refused is the 403 kube-apiserver words; an allowed one becomes the request's user.
 */
class ImpersonationTest {

  private static final User ALICE = new User("alice", List.of("devs"));

  /** An authorizer allowing only what {@code allowed} lists ("resource/name"), recording each question. */
  private static final class Only implements Authorizer {
    final List<String> allowed;
    final List<String> asked = new ArrayList<>();

    Only(String... allowed) {
      this.allowed = List.of(allowed);
    }

    @Override
    public Decision authorize(User user, Attributes a) {
      String what = a.verb() + " " + a.group() + "/" + a.resource() + (a.subresource().isEmpty() ? "" : "/" + a.subresource())
          + " " + a.namespace() + "/" + a.name();
      asked.add(what);
      return new Decision(allowed.contains(what), "");
    }

    @Override
    public Rules rules(User user, String namespace) {
      return new Rules(List.of(), List.of(), false);
    }
  }

  @Test
  void aUserIsAskedFirstAndRefusedWithKubesStatus() {
    Only none = new Only();
    ApiException e = assertThrows(ApiException.class, () -> Impersonation.impersonate(
        List.of(Map.entry("Impersonate-Group", "ops"), Map.entry("Impersonate-User", "bob")), ALICE, none));
    assertEquals(403, e.code());
    assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"users \\\"bob\\\" is forbidden: User \\\"alice\\\" cannot impersonate resource \\\"users\\\""
        + " in API group \\\"\\\" at the cluster scope\",\"reason\":\"Forbidden\","
        + "\"details\":{\"name\":\"bob\",\"kind\":\"users\"},\"code\":403}", e.status().toString());
    assertEquals(List.of("impersonate /users /bob"), none.asked);
  }

  @Test
  void anAllowedIdentityBecomesTheUserWithSystemAuthenticated() {
    Only some = new Only("impersonate /users /bob", "impersonate /groups /ops",
        "impersonate authentication.k8s.io/userextras/acme.com/project /p", "impersonate authentication.k8s.io/uids /u1");
    User bob = Impersonation.impersonate(List.of(Map.entry("Impersonate-User", "bob"), Map.entry("Impersonate-Group", "ops"),
        Map.entry("Impersonate-Extra-Acme.com%2fProject", "p"), Map.entry("Impersonate-Uid", "u1")), ALICE, some);
    assertEquals(new User("bob", List.of("ops", "system:authenticated"), "u1", Map.of("acme.com/project", List.of("p"))),
        bob);
    ApiException e = assertThrows(ApiException.class, () -> Impersonation.impersonate(List.of(
        Map.entry("Impersonate-User", "bob"), Map.entry("Impersonate-Group", "system:masters")), ALICE, some));
    assertEquals("groups \"system:masters\" is forbidden: User \"alice\" cannot impersonate resource \"groups\" in API"
        + " group \"\" at the cluster scope", e.getMessage());
  }

  @Test
  void aServiceAccountIsAskedForInItsNamespaceAndGetsItsGroups() {
    Only sa = new Only("impersonate /serviceaccounts ci/builder");
    assertEquals(new User("system:serviceaccount:ci:builder", List.of("system:serviceaccounts",
        "system:serviceaccounts:ci", "system:authenticated")),
        Impersonation.impersonate(List.of(Map.entry("impersonate-user", "system:serviceaccount:ci:builder")), ALICE, sa));
    ApiException e = assertThrows(ApiException.class, () -> Impersonation.impersonate(
        List.of(Map.entry("impersonate-user", "system:serviceaccount:ci:other")), ALICE, sa));
    assertEquals("serviceaccounts \"other\" is forbidden: User \"alice\" cannot impersonate resource"
        + " \"serviceaccounts\" in API group \"\" in the namespace \"ci\"", e.getMessage());
  }

  @Test
  void groupsWithoutAUserAreAnErrorAndOtherHeadersPass() {
    assertEquals(500, assertThrows(ApiException.class, () -> Impersonation.impersonate(
        List.of(Map.entry("Impersonate-Group", "ops")), ALICE, new Only())).code());
    assertSame(ALICE, Impersonation.impersonate(List.of(Map.entry("Authorization", "Bearer x"),
        Map.entry("Impersonate-User", ""), Map.entry("Impersonator", "bob")), ALICE, new Only()));
  }
}
