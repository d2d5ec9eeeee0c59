package io.logplane.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.http.Query;
import io.logplane.projections.Json;
import java.util.Base64;

/**
 * Where a history page ended: items are ordered by (offset, key) and the next page starts
 * after this pair. {@code key = "\uffff"} skips everything at offset (the end of a log window).
 */
public record Cursor(long offset, String key) implements Comparable<Cursor> {

  /** The key that sorts after every storage key. */
  public static final String END = "\uffff";

  /** The continue token. */
  public String token() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        Json.bytes(Json.MAPPER.createObjectNode().put("o", offset).put("k", key)));
  }

  /** Parses a continue token; null when absent. */
  public static Cursor parse(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      JsonNode t = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
      if (t != null && t.path("o").isIntegralNumber() && t.path("k").isTextual()) {
        return new Cursor(t.get("o").asLong(), t.get("k").asText());
      }
    } catch (Exception e) {
      // the parser's message would tell the client nothing it can act on
    }
    throw Query.invalid("continue", token, "not a continue token of this list: pass the metadata.continue of"
        + " the previous page unchanged");
  }

  @Override
  public int compareTo(Cursor o) {
    int c = Long.compare(offset, o.offset);
    return c != 0 ? c : key.compareTo(o.key);
  }
}
