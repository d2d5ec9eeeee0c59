package io.logplane.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Column descriptions: the API documentation of the field a column shows, keyed
 * {@code group/version.Type.field} (e.g. {@code core/v1.ServiceSpec.type}). The texts are the
 * Kubernetes API's own field docs, kept in a resource next to this class because no jar here
 * carries them.
 */
final class Descriptions {

  private static final JsonNode DOCS = load();

  private Descriptions() {}

  /** The description for a key; fails fast when a printer names a key the resource lacks. */
  static String get(String key) {
    JsonNode n = DOCS.get(key);
    if (n == null) {
      throw new IllegalStateException("no column description for " + key);
    }
    return n.asText();
  }

  private static JsonNode load() {
    try (InputStream in = Descriptions.class.getResourceAsStream("column-descriptions.json")) {
      if (in == null) {
        throw new IllegalStateException("column-descriptions.json missing from the classpath");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
