package io.logplane.api.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.GoBase64;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reading a CertificateSigningRequest's JSON as kube's Go types hold it: {@code spec.request} and
 * {@code status.certificate} are {@code []byte}, so base64 in JSON; an absent string is "".
 */
final class CsrFields {

  static final String APPROVED = "Approved";
  static final String DENIED = "Denied";
  static final String FAILED = "Failed";

  private CsrFields() {}

  /** The decoded {@code spec.request}; null when absent (Go's nil slice). */
  static byte[] request(JsonNode csr) {
    return bytes(csr.path("spec").path("request"));
  }

  /** The decoded {@code status.certificate}; empty when absent. */
  static byte[] certificate(JsonNode csr) {
    byte[] b = bytes(csr.path("status").path("certificate"));
    return b == null ? new byte[0] : b;
  }

  /**
   * A {@code []byte} field's bytes. Text that is not base64 (which kube's decoding refuses before
   * any rule runs) is taken as its own bytes, so the rules still see something to refuse.
   */
  static byte[] bytes(JsonNode field) {
    if (field.isMissingNode() || field.isNull()) {
      return null;
    }
    String text = field.asText();
    if (GoBase64.errorOffset(text).isPresent()) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return Base64.getMimeDecoder().decode(text);
  }

  static String signerName(JsonNode csr) {
    return csr.path("spec").path("signerName").asText("");
  }

  static String username(JsonNode csr) {
    return csr.path("spec").path("username").asText("");
  }

  static List<String> usages(JsonNode csr) {
    List<String> out = new ArrayList<>();
    csr.path("spec").path("usages").forEach(u -> out.add(u.asText("")));
    return out;
  }

  /** {@code status.conditions}, each an object (anything else is read as an empty one). */
  static List<JsonNode> conditions(JsonNode csr) {
    List<JsonNode> out = new ArrayList<>();
    csr.path("status").path("conditions").forEach(out::add);
    return out;
  }

  static String type(JsonNode condition) {
    return condition.path("type").asText("");
  }

  static String status(JsonNode condition) {
    return condition.path("status").asText("");
  }

  /** The conditions of one type, in order. */
  static List<JsonNode> ofType(JsonNode csr, String type) {
    return conditions(csr).stream().filter(c -> type(c).equals(type)).toList();
  }

  /** A condition time, or null when absent or zero (Go's {@code IsZero}). */
  static Instant time(JsonNode condition, String field) {
    JsonNode t = condition.path(field);
    if (!t.isTextual() || t.textValue().isEmpty()) {
      return null;
    }
    try {
      Instant i = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(t.textValue(), Instant::from);
      return i.equals(Instant.parse("0001-01-01T00:00:00Z")) ? null : i;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** An instant as metav1.Time writes it: RFC 3339 in UTC, whole seconds. */
  static String format(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  /** A new condition object with type, status, reason and message (the last two when not empty). */
  static ObjectNode condition(String type, String status, String reason, String message) {
    ObjectNode c = JsonNodeFactory.instance.objectNode().put("type", type).put("status", status);
    if (!reason.isEmpty()) {
      c.put("reason", reason);
    }
    if (!message.isEmpty()) {
      c.put("message", message);
    }
    return c;
  }

  /** Bytes as Go's {@code %#v} prints a {@code []byte}: {@code []byte{0x2d, 0x0}}, nil as such. */
  static String goBytes(byte[] b) {
    if (b == null) {
      return "[]byte(nil)";
    }
    StringBuilder s = new StringBuilder(8 + b.length * 6).append("[]byte{");
    for (int i = 0; i < b.length; i++) {
      s.append(i > 0 ? ", 0x" : "0x").append(Integer.toHexString(b[i] & 0xff));
    }
    return s.append('}').toString();
  }
}
