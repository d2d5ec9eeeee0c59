package io.logplane.tests.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The case files of a corpus directory, read and resolved (the format is in the directory's
 * README). A file that breaks the format fails loudly, naming the file and the case.
 */
public final class Corpus {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> FILE_KEYS = Set.of("path", "namespace", "base", "cases");
  private static final Set<String> CASE_KEYS = Set.of("name", "rule", "method", "patch", "with", "body", "raw",
      "contentType", "query", "setup", "subresource", "path");
  private static final Map<String, String> PATCH_TYPES = Map.of("merge", "application/merge-patch+json",
      "json", "application/json-patch+json", "strategic", "application/strategic-merge-patch+json",
      "apply", "application/apply-patch+yaml");
  private static final String NAME = "[a-z]([-a-z0-9]{0,61}[a-z0-9])?";

  /** One case file: its id, the namespace its cases need (or ""), and its cases in order. */
  public record File(String id, String namespace, List<Case> cases) {}

  private Corpus() {}

  /** Every {@code *.yaml} of dir but the expected answers and the known differences, by name. */
  public static List<File> load(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.endsWith(Expected.SUFFIX) && !n.equals(KnownDifferences.FILE))
          .sorted().map(n -> read(dir.resolve(n), n.substring(0, n.length() - ".yaml".length()))).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static File read(Path file, String id) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    onlyKeys(root, FILE_KEYS, id);
    String collection = root.path("path").asText();
    require(collection.startsWith("/"), id + ": path must be the collection's absolute path");
    ObjectNode base = root.path("base").isObject() ? (ObjectNode) root.get("base") : YAML.createObjectNode();
    List<Case> cases = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonNode c : root.path("cases")) {
      String name = c.path("name").asText();
      require(name.matches(NAME), id + ": case name '" + name + "' must be a DNS label (it names the object)");
      require(names.add(name), id + ": case name '" + name + "' twice");
      onlyKeys(c, CASE_KEYS, id + "/" + name);
      cases.add(resolve(id, collection, base, c, name));
    }
    require(!cases.isEmpty(), id + ": no cases");
    return new File(id, root.path("namespace").asText(""), List.copyOf(cases));
  }

  private static Case resolve(String id, String collection, ObjectNode base, JsonNode c, String name) {
    String where = id + "/" + name;
    String method = c.path("method").asText("POST");
    require(Set.of("POST", "PUT", "PATCH", "DELETE").contains(method), where + ": method " + method);
    String contentType = "application/json";
    if (method.equals("PATCH")) {
      contentType = PATCH_TYPES.get(c.path("patch").asText());
      require(contentType != null, where + ": PATCH needs patch: merge, json, strategic or apply");
      require(c.has("body") || c.has("raw"), where + ": PATCH needs a body");
    }
    contentType = c.path("contentType").asText(contentType);
    byte[] body = null;
    if (c.has("raw")) {
      body = Repeat.expand(c.get("raw").asText()).getBytes(StandardCharsets.UTF_8);
    } else if (c.has("body")) {
      body = json(Repeat.expand(c.get("body")));
    } else if (!method.equals("DELETE")) {
      body = json(Repeat.expand(named(Merge.apply(base, c.path("with")), name)));
    }
    String path = method.equals("POST") ? collection : collection + "/" + name;
    if (c.has("subresource")) {
      path = collection + "/" + name + "/" + c.get("subresource").asText();
    }
    path = Repeat.expand(c.path("path").asText(path));
    JsonNode setup = c.has("setup") ? Repeat.expand(named(Merge.apply(base, c.get("setup")), name)) : null;
    return new Case(id, name, c.path("rule").asText(""), method, path, Repeat.expand(c.path("query").asText("")),
        contentType,
        body, setup, collection);
  }

  /** The object with metadata.name set to name unless it has a name or a generateName. */
  private static JsonNode named(JsonNode object, String name) {
    if (object.isObject()) {
      ObjectNode o = (ObjectNode) object;
      JsonNode meta = o.path("metadata");
      if (!meta.isObject()) {
        meta = o.putObject("metadata");
      }
      if (!meta.has("name") && !meta.has("generateName")) {
        ((ObjectNode) meta).put("name", name);
      }
    }
    return object;
  }

  private static byte[] json(JsonNode n) {
    try {
      return io.logplane.tests.http.Api.JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void onlyKeys(JsonNode n, Set<String> keys, String where) {
    require(n != null && n.isObject(), where + ": not a map");
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      require(keys.contains(k), where + ": unknown key '" + k + "' (known: " + keys + ")");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
