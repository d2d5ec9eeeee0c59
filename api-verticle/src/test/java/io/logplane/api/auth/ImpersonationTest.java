package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logplane.api.http.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 403 of each impersonation header, in the words kube-apiserver's filter uses. */
class ImpersonationTest {

  private static final User ADMIN = new User("admin", List.of(User.MASTERS));

  @Test
  void aUserIsRefusedFirstWithKubesStatus() {
    ApiException e = refused(List.of(Map.entry("Impersonate-Group", "devs"), Map.entry("Impersonate-User", "bob")));
    assertEquals(403, e.code());
    assertEquals("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"users \\\"bob\\\" is forbidden: User \\\"admin\\\" cannot impersonate resource \\\"users\\\""
        + " in API group \\\"\\\" at the cluster scope: impersonation is not supported yet\",\"reason\":\"Forbidden\","
        + "\"details\":{\"name\":\"bob\",\"kind\":\"users\"},\"code\":403}", e.status().toString());
  }

  @Test
  void aServiceAccountIsNamedInItsNamespace() {
    assertEquals("serviceaccounts \"builder\" is forbidden: User \"admin\" cannot impersonate resource"
        + " \"serviceaccounts\" in API group \"\" in the namespace \"ci\": impersonation is not supported yet",
        refused(List.of(Map.entry("impersonate-user", "system:serviceaccount:ci:builder"))).getMessage());
  }

  @Test
  void groupsExtrasAndUidsWithoutAUser() {
    assertEquals("groups \"devs\" is forbidden: User \"admin\" cannot impersonate resource \"groups\" in API group"
        + " \"\" at the cluster scope: impersonation is not supported yet",
        refused(List.of(Map.entry("Impersonate-Uid", "u1"), Map.entry("Impersonate-Group", "devs"))).getMessage());
    ApiException extra = refused(List.of(Map.entry("Impersonate-Extra-Acme.com%2fProject", "p")));
    assertEquals("userextras.authentication.k8s.io \"p\" is forbidden: User \"admin\" cannot impersonate resource"
        + " \"userextras/acme.com/project\" in API group \"authentication.k8s.io\" at the cluster scope:"
        + " impersonation is not supported yet", extra.getMessage());
    assertEquals("authentication.k8s.io", extra.status().path("details").path("group").asText());
    assertEquals("uids.authentication.k8s.io \"u1\" is forbidden: User \"admin\" cannot impersonate resource"
        + " \"uids\" in API group \"authentication.k8s.io\" at the cluster scope: impersonation is not supported yet",
        refused(List.of(Map.entry("Impersonate-Uid", "u1"))).getMessage());
  }

  @Test
  void otherHeadersAndAnEmptyUserPass() {
    Impersonation.refuse(List.of(Map.entry("Authorization", "Bearer x"), Map.entry("Impersonate-User", ""),
        Map.entry("Impersonator", "bob")), ADMIN);
  }

  private static ApiException refused(List<Map.Entry<String, String>> headers) {
    return assertThrows(ApiException.class, () -> Impersonation.refuse(headers, ADMIN));
  }
}
