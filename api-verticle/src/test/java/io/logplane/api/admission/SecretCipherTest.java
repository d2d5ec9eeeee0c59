package io.logplane.api.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

  @TempDir
  Path dir;

  private static ObjectNode secret(String uid, String value) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\","
        + "\"uid\":\"" + uid + "\",\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":"
        + "\"{\\\"stringData\\\":{\\\"p\\\":\\\"" + value + "\\\"}}\"}},\"data\":{\"p\":\"" + value + "\"}}");
  }

  @Test
  void sealedSecretsHoldNoPlaintextAndUnsealBack() throws Exception {
    SecretCipher cipher = SecretCipher.loadOrCreate(dir);
    ObjectNode s = secret("u-1", "hunter2");
    cipher.seal(s);
    assertFalse(s.toString().contains("hunter2"), s.toString());
    assertFalse(s.has("data"));
    ObjectNode again = secret("u-1", "hunter2");
    cipher.seal(again);
    assertEquals(s, again, "the same data seals to the same text");
    cipher.unseal(s);
    assertEquals(secret("u-1", "hunter2"), s);
  }

  @Test
  void eachSecretHasItsOwnKeyAndDestroyingItShredsTheValues() throws Exception {
    SecretCipher cipher = SecretCipher.loadOrCreate(dir);
    ObjectNode a = secret("u-a", "same");
    ObjectNode b = secret("u-b", "same");
    cipher.seal(a);
    cipher.seal(b);
    assertNotEquals(a.get(SecretCipher.FIELD), b.get(SecretCipher.FIELD));
    cipher.destroy("u-a");
    assertFalse(cipher.hasKey("u-a"));
    SecretCipher reopened = SecretCipher.loadOrCreate(dir);
    reopened.unseal(a);
    assertFalse(a.has("data"));
    assertEquals("true", a.path("metadata").path("annotations").path(SecretCipher.SHREDDED).asText());
    reopened.unseal(b);
    assertTrue(b.toString().contains("same"));
  }
}
