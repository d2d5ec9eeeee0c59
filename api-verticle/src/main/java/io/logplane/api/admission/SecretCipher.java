package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
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
 *
 * <p>Keys have generations. {@link #rotate} starts a new one: from then on every Secret is sealed
 * with a new key of its own ({@code v3:<uid>:<generation>:...}; generation 1 keeps the v2 form),
 * the stored ones are re-sealed by {@link io.logplane.api.keys.SecretResealer}, and once none is
 * sealed with an older key, the older keys are destroyed ({@link #retire}): what the log holds
 * sealed with them is shredded, as a deleted Secret's values are.
 */
public final class SecretCipher {

  public static final String FIELD = "logplane.io/sealed";
  public static final String SHREDDED = "logplane.io/shredded";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final String VERSION = "v2";
  private static final String GENERATIONS = "v3";
  private static final int NONCE = 12;

  private final DataKeys keys;
  private final Path generationFile;
  private volatile int generation;

  private SecretCipher(DataKeys keys, Path generationFile) {
    this.keys = keys;
    this.generationFile = generationFile;
    try {
      this.generation = Files.exists(generationFile)
          ? Integer.parseInt(Files.readString(generationFile).strip()) : 1;
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read the key generation in " + generationFile, e);
    }
  }

  /** The cipher over the data keys kept under dir. */
  public static SecretCipher loadOrCreate(Path dir) {
    Path keys = dir.resolve("keys");
    return new SecretCipher(new DataKeys(keys.resolve("secrets")), keys.resolve("secrets-generation"));
  }

  /** The generation of the keys new writes are sealed with. */
  public int generation() {
    return generation;
  }

  /**
   * Starts a new key generation: every Secret sealed from now on is sealed with a new key.
   *
   * @return the new generation
   */
  public synchronized int rotate() {
    int next = generation + 1;
    try {
      Files.createDirectories(generationFile.getParent());
      Path tmp = generationFile.resolveSibling(generationFile.getFileName() + ".tmp");
      Files.writeString(tmp, next + "\n");
      Files.move(tmp, generationFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the new key generation in " + generationFile, e);
    }
    generation = next;
    return next;
  }

  /** The generation of the key a stored Secret is sealed with; 0 when it holds nothing sealed. */
  public static int generationOf(JsonNode secret) {
    return generationOf(secret.path(FIELD).asText(""));
  }

  private static int generationOf(String sealed) {
    if (sealed.startsWith(VERSION + ":")) {
      return 1;
    }
    if (sealed.startsWith(GENERATIONS + ":")) {
      String[] parts = sealed.split(":", 4);
      return parts.length == 4 && parts[2].matches("[1-9][0-9]{0,8}") ? Integer.parseInt(parts[2]) : 0;
    }
    return 0;
  }

  /**
   * Seals a stored Secret (a copy the caller owns) anew with the current generation's key.
   *
   * @return false when it needs no re-sealing (sealed with the current key, or nothing sealed)
   */
  public boolean reseal(ObjectNode secret) {
    int was = generationOf(secret);
    if (was == 0 || was == generation) {
      return false;
    }
    unseal(secret);
    if (secret.path("metadata").path("annotations").has(SHREDDED)) {
      return false; // its key is gone: nothing is left to seal
    }
    seal(secret);
    return true;
  }

  /** Destroys the Secret's keys of generations older than {@code generation}. */
  public void retire(String uid, int generation) {
    for (int g : keys.generations(uid)) {
      if (g < generation) {
        keys.destroy(uid, g);
      }
    }
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
      int g = generation;
      SecretKeySpec key = keys.getOrCreate(uid, g);
      byte[] plain = Json.bytes(payload);
      byte[] nonce = nonce(key, plain);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      String prefix = g == 1 ? VERSION + ":" + uid : GENERATIONS + ":" + uid + ":" + g;
      c.updateAAD((g == 1 ? uid : prefix).getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plain);
      byte[] out = ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
      secret.put(FIELD, prefix + ":" + Base64.getEncoder().encodeToString(out));
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
    String text = sealed.asText();
    int g = generationOf(text);
    String[] parts = text.split(":", g == 1 ? 3 : 4);
    if (g == 0) {
      throw new IllegalStateException("secret sealed in an unknown format: " + parts[0]);
    }
    String uid = parts[1];
    String aad = g == 1 ? uid : text.substring(0, text.lastIndexOf(':'));
    String body = parts[parts.length - 1];
    SecretKeySpec key = keys.get(uid, g);
    if (key == null) {
      ObjectNode meta = (ObjectNode) secret.get("metadata");
      (meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations")).put(SHREDDED, "true");
      return;
    }
    try {
      byte[] in = Base64.getDecoder().decode(body);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
      c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
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

  /** True while the Secret has a key of any generation. */
  public boolean hasKey(String uid) {
    return !keys.generations(uid).isEmpty();
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

  /** The uids of the Secrets that have a key written before {@code madeBefore}. */
  public java.util.Set<String> uidsWithKeys(java.time.Instant madeBefore) {
    return keys.uids(madeBefore);
  }
}
