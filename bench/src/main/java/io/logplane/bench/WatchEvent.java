package io.logplane.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The parts of one watch event line bench needs: its type, the object's name, and the
 * message of an {@code ERROR} event's Status. Read with a streaming parser that stops as
 * soon as it has them, because a hundred watchers parse every event each, on the same
 * machine as the server under test.
 *
 * @param type    ADDED, MODIFIED, DELETED, BOOKMARK or ERROR; empty if absent
 * @param name    {@code object.metadata.name}, empty if absent
 * @param message {@code object.message} (set on ERROR events), empty if absent
 */
record WatchEvent(String type, String name, String message) {

  static WatchEvent parse(String line) throws IOException {
    String type = "";
    String name = "";
    String message = "";
    try (JsonParser p = Json.MAPPER.getFactory().createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a watch event is a JSON object: " + line);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
          type = p.getText();
        } else if ("object".equals(field) && value == JsonToken.START_OBJECT) {
          String[] found = objectNameAndMessage(p);
          if (type.isEmpty() && !found[0].isEmpty()) {
            // The parser stopped inside the object; with "type" after it, read it all.
            return fromTree(line);
          }
          name = found[0];
          message = found[1];
        } else {
          p.skipChildren();
        }
        if (!type.isEmpty() && !name.isEmpty()) {
          break;
        }
      }
    }
    return new WatchEvent(type, name, message);
  }

  private static WatchEvent fromTree(String line) throws IOException {
    com.fasterxml.jackson.databind.JsonNode event = Json.MAPPER.readTree(line);
    com.fasterxml.jackson.databind.JsonNode object = event.path("object");
    return new WatchEvent(event.path("type").asText(""),
        object.path("metadata").path("name").asText(""), object.path("message").asText(""));
  }

  /** Reads an object up to its metadata's name; stops there (the rest is not needed). */
  private static String[] objectNameAndMessage(JsonParser p) throws IOException {
    String message = "";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String metaField = p.currentName();
          JsonToken metaValue = p.nextToken();
          if ("name".equals(metaField) && metaValue == JsonToken.VALUE_STRING) {
            return new String[] {p.getText(), message};
          }
          p.skipChildren();
        }
      } else if ("message".equals(field) && value == JsonToken.VALUE_STRING) {
        message = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return new String[] {"", message};
  }
}
