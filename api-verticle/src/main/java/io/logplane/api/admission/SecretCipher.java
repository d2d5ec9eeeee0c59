package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals Secret data before it is appended to the log (invariant 8): the {@code data} map is
 * replaced by {@code logplane.io/sealed}, {@code v1:base64(nonce || AES-256-GCM ciphertext)},
 * with the key's version as prefix; it is unsealed only when served. The key lives in the data
 * directory, never in the log.
 */
public final class SecretCipher {

  public static final String FIELD = "logplane.io/sealed";
  private static final String VERSION = "v1";
  private static final int NONCE = 12;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  private SecretCipher(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** Loads the key under dir, creating it (0600) on first use. */
  public static SecretCipher loadOrCreate(Path dir) {
    Path file = dir.resolve("keys").resolve("secrets-" + VERSION + ".key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, Base64.getEncoder().encode(k), StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return new SecretCipher(Base64.getDecoder().decode(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the secrets key at " + file, e);
    }
  }

  /**
   * As {@link #seal(ObjectNode)}, but reuses the sealed form of {@code stored} (a sealed Secret,
   * or null) when it holds the same data: a fresh nonce would make a no-op write look like a
   * change, and every such write a new version.
   */
  public void seal(ObjectNode secret, ObjectNode stored) {
    JsonNode sealed = stored == null ? null : stored.get(FIELD);
    if (sealed != null && secret.has("data")) {
      ObjectNode plain = stored.deepCopy();
      unseal(plain);
      if (secret.get("data").equals(plain.get("data"))) {
        secret.remove("data");
        secret.set(FIELD, sealed);
        return;
      }
    }
    seal(secret);
  }

  /** Replaces data by its sealed form, in place. */
  public void seal(ObjectNode secret) {
    JsonNode data = secret.remove("data");
    if (data == null || data.isEmpty()) {
      return;
    }
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] ct = c.doFinal(Json.MAPPER.writeValueAsBytes(data));
      byte[] out = ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
      secret.put(FIELD, VERSION + ":" + Base64.getEncoder().encodeToString(out));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("sealing a secret failed", e);
    }
  }

  /** Replaces the sealed form by the data, in place (on a copy the caller owns). */
  public void unseal(ObjectNode secret) {
    JsonNode sealed = secret.remove(FIELD);
    if (sealed == null) {
      return;
    }
    String text = sealed.asText();
    if (!text.startsWith(VERSION + ":")) {
      throw new IllegalStateException("secret sealed with an unknown key version: " + text.split(":")[0]);
    }
    try {
      byte[] in = Base64.getDecoder().decode(text.substring(VERSION.length() + 1));
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, NONCE));
      byte[] plain = c.doFinal(in, NONCE, in.length - NONCE);
      secret.set("data", Json.MAPPER.readTree(plain));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("unsealing a secret failed", e);
    }
  }
}
