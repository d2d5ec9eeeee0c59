package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals Secret data before it is appended to the log (invariant 8). Each Secret (by uid) has
 * its own data key under the data directory, never in the log; its {@code data} and kubectl's
 * last-applied annotation (which holds the values too) become one field,
 * {@code logplane.io/sealed: v2:<uid>:base64(nonce || AES-256-GCM ciphertext)}. Deleting the
 * Secret destroys its key ({@link #destroy}), so not even the log can reveal the values
 * afterwards (crypto-shredding).
 *
 * <p>The nonce is derived from the plaintext (a synthetic IV): the same data seals to the same
 * text, so re-applying an unchanged Secret is a no-op; it only reveals that two versions are
 * equal, which the history shows anyway.
 */
public final class SecretCipher {

  public static final String FIELD = "logplane.io/sealed";
  public static final String SHREDDED = "logplane.io/shredded";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final String VERSION = "v2";
  private static final int NONCE = 12;

  private final DataKeys keys;

  private SecretCipher(DataKeys keys) {
    this.keys = keys;
  }

  /** The cipher over the data keys kept under dir. */
  public static SecretCipher loadOrCreate(Path dir) {
    return new SecretCipher(new DataKeys(dir.resolve("keys").resolve("secrets")));
  }

  /** Replaces data (and the last-applied annotation) by its sealed form, in place. */
  public void seal(ObjectNode secret) {
    String uid = secret.path("metadata").path("uid").asText("");
    if (uid.isEmpty()) {
      throw new IllegalStateException("a Secret is sealed under its uid, and this one has none");
    }
    ObjectNode payload = Json.MAPPER.createObjectNode();
    JsonNode data = secret.remove("data");
    if (data != null && !data.isEmpty()) {
      payload.set("data", data);
    }
    JsonNode annotations = secret.path("metadata").path("annotations");
    if (annotations instanceof ObjectNode a && a.has(LAST_APPLIED)) {
      payload.set("lastApplied", a.remove(LAST_APPLIED));
      if (a.isEmpty()) {
        ((ObjectNode) secret.get("metadata")).remove("annotations");
      }
    }
    secret.remove(FIELD);
    if (payload.isEmpty()) {
      return;
    }
    try {
      SecretKeySpec key = keys.getOrCreate(uid);
      byte[] plain = Json.bytes(payload);
      byte[] nonce = nonce(key, plain);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      c.updateAAD(uid.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plain);
      byte[] out = ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
      secret.put(FIELD, VERSION + ":" + uid + ":" + Base64.getEncoder().encodeToString(out));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing a secret failed", e);
    }
  }

  /**
   * Replaces the sealed form by the data and annotation, in place (on a copy the caller owns).
   * When the Secret's key was destroyed, the values are gone: the object is served without them
   * and marked {@code logplane.io/shredded: "true"}.
   */
  public void unseal(ObjectNode secret) {
    JsonNode sealed = secret.remove(FIELD);
    if (sealed == null) {
      return;
    }
    String[] parts = sealed.asText().split(":", 3);
    if (parts.length != 3 || !parts[0].equals(VERSION)) {
      throw new IllegalStateException("secret sealed in an unknown format: " + parts[0]);
    }
    SecretKeySpec key = keys.get(parts[1]);
    if (key == null) {
      ObjectNode meta = (ObjectNode) secret.get("metadata");
      (meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations")).put(SHREDDED, "true");
      return;
    }
    try {
      byte[] in = Base64.getDecoder().decode(parts[2]);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
      c.updateAAD(parts[1].getBytes(StandardCharsets.UTF_8));
      JsonNode payload = Json.MAPPER.readTree(c.doFinal(in, NONCE, in.length - NONCE));
      if (payload.has("data")) {
        secret.set("data", payload.get("data"));
      }
      if (payload.has("lastApplied")) {
        ObjectNode meta = (ObjectNode) secret.get("metadata");
        (meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations"))
            .set(LAST_APPLIED, payload.get("lastApplied"));
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("unsealing a secret failed", e);
    }
  }

  /** Destroys the data key of a deleted Secret: its sealed values can never be read again. */
  public void destroy(String uid) {
    keys.destroy(uid);
  }

  /** True while the Secret's key exists. */
  public boolean hasKey(String uid) {
    return keys.get(uid) != null;
  }

  private static byte[] nonce(SecretKeySpec key, byte[] plain) throws GeneralSecurityException {
    Mac kdf = Mac.getInstance("HmacSHA256");
    kdf.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(kdf.doFinal("logplane nonce key".getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));
    return Arrays.copyOf(mac.doFinal(plain), NONCE);
  }

  /** The uids that have a data key. */
  public java.util.Set<String> uidsWithKeys() {
    return keys.uids();
  }
}
