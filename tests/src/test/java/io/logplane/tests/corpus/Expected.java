package io.logplane.tests.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference's answers to one case file, stored beside it as {@code <id>.expected.yaml}: one
 * line per case, {@code name: {code: 422, reason: Invalid, causes: ["FieldValueInvalid spec.x"]}}.
 */
public final class Expected {

  static final String SUFFIX = ".expected.yaml";

  private Expected() {}

  public static Path file(Path dir, String id) {
    return dir.resolve(id + SUFFIX);
  }

  /** The answers by case name; empty when the file was never recorded. */
  public static Map<String, Answer> read(Path dir, String id) {
    Path f = file(dir, id);
    Map<String, Answer> out = new LinkedHashMap<>();
    if (!Files.exists(f)) {
      return out;
    }
    try {
      JsonNode root = Corpus.YAML.readTree(Files.readString(f, StandardCharsets.UTF_8));
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), Answer.fromJson(e.getValue()));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(f.toString(), e);
    }
  }

  /** Writes the answers in case order, under a header naming the server that gave them. */
  public static void write(Path dir, String id, String server, Map<String, Answer> answers) {
    StringBuilder b = new StringBuilder("# The answers of ").append(server).append(" to ").append(id)
        .append(".yaml, written by RecordReference (see README.md); do not edit by hand.\n");
    answers.forEach((name, a) -> b.append(name).append(": ").append(a.toYaml()).append('\n'));
    try {
      Files.writeString(file(dir, id), b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
