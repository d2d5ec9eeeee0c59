package io.logplane.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A name in the path is refused as kube's storage refuses it (NamespaceKeyFunc), escapes decoded as Go decodes a path. */
class RequestInfoNamesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "..          | Name parameter invalid: \"..\": may not be '..'",
      "%2e%2e      | Name parameter invalid: \"..\": may not be '..'",
      "%2E.        | Name parameter invalid: \"..\": may not be '..'",
      ".           | Name parameter invalid: \".\": may not be '.'",
      "a%2Fb       | Name parameter invalid: \"a/b\": may not contain '/'",
      "a%25b       | Name parameter invalid: \"a%b\": may not contain '%'",
      "%zz         | Name parameter invalid: \"%zz\": may not contain '%'",
      "..%2f%25    | Name parameter invalid: \"../%\": may not contain '/';may not contain '%'"})
  void refused(String name, String message) {
    ApiException e = assertThrows(ApiException.class,
        () -> RequestInfo.parse("/api/v1/namespaces/ns/configmaps/" + name).requireValidName());
    assertEquals(400, e.code());
    assertEquals(message, e.getMessage());
  }

  @Test
  void namesThatMayBeLookedUp() {
    for (String name : new String[] {"keep", "a..b", "...", "%ff%fe", "a%00b", "kube-root-ca.crt"}) {
      RequestInfo.parse("/api/v1/namespaces/ns/configmaps/" + name).requireValidName();
    }
    RequestInfo.parse("/api/v1/namespaces/ns/configmaps").requireValidName();
  }
}
