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

  @Test
  void aRotationSealsWithANewKeyResealsTheOldAndRetiresTheOldKey() throws Exception {
    SecretCipher cipher = SecretCipher.loadOrCreate(dir);
    ObjectNode old = secret("u-r", "hunter2");
    cipher.seal(old);
    assertEquals(1, SecretCipher.generationOf(old));
    assertTrue(old.path(SecretCipher.FIELD).asText().startsWith("v2:u-r:"), old.toString());
    ObjectNode stored = old.deepCopy();

    assertEquals(2, cipher.rotate());
    assertEquals(2, SecretCipher.loadOrCreate(dir).generation(), "the generation outlives a restart");
    ObjectNode fresh = secret("u-n", "other");
    cipher.seal(fresh);
    assertEquals(2, SecretCipher.generationOf(fresh));
    assertTrue(fresh.path(SecretCipher.FIELD).asText().startsWith("v3:u-n:2:"), fresh.toString());

    ObjectNode resealed = stored.deepCopy();
    assertTrue(cipher.reseal(resealed));
    assertEquals(2, SecretCipher.generationOf(resealed));
    assertFalse(resealed.toString().contains("hunter2"));
    assertFalse(cipher.reseal(resealed), "sealed with the current key already");

    cipher.retire("u-r", 2);
    ObjectNode past = stored.deepCopy();
    cipher.unseal(past);
    assertEquals("true", past.path("metadata").path("annotations").path(SecretCipher.SHREDDED).asText(),
        "what was sealed with a retired key is shredded");
    ObjectNode now = resealed.deepCopy();
    cipher.unseal(now);
    assertEquals(secret("u-r", "hunter2"), now);
    assertTrue(cipher.hasKey("u-r"));
    cipher.destroy("u-r");
    assertFalse(cipher.hasKey("u-r"));
    assertFalse(cipher.uidsWithKeys().contains("u-r"));
    assertTrue(cipher.uidsWithKeys().contains("u-n"));
  }

  @Test
  void aSealedTextRelabelledWithAnotherGenerationDoesNotOpen() throws Exception {
    SecretCipher cipher = SecretCipher.loadOrCreate(dir);
    cipher.rotate();
    cipher.seal(secret("u-f", "hunter2")); // u-f has a key of generation 2
    cipher.rotate();
    ObjectNode s = secret("u-f", "hunter2");
    cipher.seal(s);
    ObjectNode relabelled = s.deepCopy().put(SecretCipher.FIELD,
        s.path(SecretCipher.FIELD).asText().replace("v3:u-f:3:", "v3:u-f:2:"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> cipher.unseal(relabelled));
  }
}
