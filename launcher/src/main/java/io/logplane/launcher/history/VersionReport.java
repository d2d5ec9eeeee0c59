package io.logplane.launcher.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Prints {@code Version} items: a header line per version (resource version, time, actor,
 * verb, type), then the unified diff of the object's YAML from the accepted version before
 * (all of it added for the first one), or the reason of a refused attempt. The YAML leaves out
 * {@code managedFields} and {@code resourceVersion}, which change on every write and are in the
 * header already, and prints every map's keys sorted (as {@code kubectl get -o yaml} does): the
 * stored order is the order a client sent, so a {@code kubectl replace} that changed one label
 * would otherwise show every reordered line. ANSI colors only when asked (a terminal).
 */
public final class VersionReport {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String CYAN = "\u001b[36m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  private final boolean color;
  private final long sinceMillis;

  /**
   * @param color       ANSI colors
   * @param sinceMillis versions before this are not printed (they still serve as diff bases)
   */
  public VersionReport(boolean color, long sinceMillis) {
    this.color = color;
    this.sinceMillis = sinceMillis;
  }

  /** The text for the items of one object, oldest first. */
  public String render(List<JsonNode> items) {
    StringBuilder b = new StringBuilder();
    List<String> previous = List.of();
    for (JsonNode v : items) {
      String type = v.path("type").asText();
      boolean shown = OffsetDateTime.parse(v.path("time").asText()).toInstant().toEpochMilli() >= sinceMillis;
      List<String> yaml = type.equals("REJECTED") || type.equals("DELETED") ? previous : yaml(v.path("object"));
      if (shown) {
        line(b, paint(BOLD, String.format("RV %s  %s  %s  %s  %s", v.path("resourceVersion").asText(),
            v.path("time").asText(), v.path("actor").asText(), v.path("verb").asText(), type)));
        switch (type) {
          case "REJECTED" -> line(b, "  " + paint(RED, "refused: " + v.path("outcome").path("code").asInt() + " "
              + v.path("outcome").path("reason").asText() + ": " + v.path("outcome").path("message").asText()));
          case "DELETED" -> line(b, "  " + paint(RED, "deleted"));
          default -> diff(b, type.equals("ADDED") ? List.of() : previous, yaml);
        }
        line(b, "");
      }
      if (!type.equals("REJECTED")) {
        previous = type.equals("DELETED") ? List.of() : yaml;
      }
    }
    return b.toString();
  }

  private void diff(StringBuilder b, List<String> before, List<String> after) {
    List<String> hunks = LineDiff.unified(before, after, 3);
    if (hunks.isEmpty()) {
      line(b, "  (no change in the object)");
    }
    for (String h : hunks) {
      String painted = h.startsWith("@@") ? paint(CYAN, h) : h.startsWith("+") ? paint(GREEN, h)
          : h.startsWith("-") ? paint(RED, h) : h;
      line(b, "  " + painted);
    }
  }

  /** The object as YAML lines, without the fields every write changes. */
  public static List<String> yaml(JsonNode object) {
    if (object == null || !object.isObject()) {
      return List.of();
    }
    ObjectNode copy = (ObjectNode) sorted(object);
    if (copy.path("metadata") instanceof ObjectNode meta) {
      meta.remove("managedFields");
      meta.remove("resourceVersion");
    }
    try {
      return YAML.writeValueAsString(copy).lines().toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an object from the server does not print as YAML", e);
    }
  }

  /** A copy with the keys of every object in sorted order; arrays keep theirs. */
  static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = YAML.createObjectNode();
      List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      java.util.Collections.sort(names);
      for (String n : names) {
        out.set(n, sorted(node.get(n)));
      }
      return out;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = YAML.createArrayNode();
      node.forEach(e -> out.add(sorted(e)));
      return out;
    }
    return node;
  }

  private String paint(String code, String text) {
    return color ? code + text + RESET : text;
  }

  private static void line(StringBuilder b, String s) {
    b.append(s).append('\n');
  }
}
