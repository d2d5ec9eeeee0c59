package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What history, audit and the web page show of a Secret: never its values, only a fingerprint
 * of the sealed data, so that a change is visible ({@code data: "<sealed sha256:ab12…>"}) and
 * equal versions look equal.
 */
public final class Redaction {

  private Redaction() {}

  /** True for a stored object of the core Secret kind. */
  public static boolean isSecret(JsonNode object) {
    return "Secret".equals(object.path("kind").asText()) && "v1".equals(object.path("apiVersion").asText());
  }

  /** A copy of a stored Secret without its values; other objects are returned as they are. */
  public static ObjectNode redact(ObjectNode stored) {
    if (!isSecret(stored)) {
      return stored;
    }
    ObjectNode copy = stored.deepCopy();
    JsonNode sealed = copy.remove(SecretCipher.FIELD);
    copy.remove("data");
    copy.remove("stringData");
    if (sealed != null) {
      copy.put("data", "<sealed sha256:" + fingerprint(sealed.asText()) + ">");
    }
    JsonNode annotations = copy.path("metadata").path("annotations");
    if (annotations instanceof ObjectNode a && a.has("kubectl.kubernetes.io/last-applied-configuration")) {
      a.put("kubectl.kubernetes.io/last-applied-configuration", "<redacted>");
    }
    return copy;
  }

  /** The annotation a Secret's past version carries instead of its values, with their fingerprint. */
  public static final String WITHHELD = "logplane.io/withheld-data";

  /**
   * A stored Secret as a past version of it is served to whoever may not read past values: a
   * Secret still (clients decode it), without its values, and with the fingerprint of the sealed
   * data in {@link #WITHHELD}, so that versions still compare.
   */
  public static ObjectNode withhold(ObjectNode stored) {
    ObjectNode copy = stored.deepCopy();
    JsonNode sealed = copy.remove(SecretCipher.FIELD);
    copy.remove("data");
    copy.remove("stringData");
    ObjectNode meta = copy.get("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
    ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
    if (sealed != null) {
      annotations.put(WITHHELD, "sha256:" + fingerprint(sealed.asText()));
    }
    if (annotations.has("kubectl.kubernetes.io/last-applied-configuration")) {
      annotations.put("kubectl.kubernetes.io/last-applied-configuration", "<redacted>");
    }
    return copy;
  }

  private static String fingerprint(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
