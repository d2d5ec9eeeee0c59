package io.logplane.tests.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cases where Logplane still answers otherwise than the reference, each with a one-line
 * reason: {@code known-differences.yaml}, a map from case id to reason. Rewritten, it keeps the
 * reasons of the cases still differing, drops the cases that now agree, and gives each new case
 * a reason drawn from its rule and the two answers, to be reworded by hand where that says too
 * little.
 */
public final class KnownDifferences {

  static final String FILE = "known-differences.yaml";
  private static final String HEADER = """
      # Cases of the validation corpus where Logplane answers otherwise than kube-apiserver 1.28.7,
      # each with why. ValidationCorpusIT fails on a difference missing here and on a case listed
      # here that now agrees. Regenerate after a change in validation (reasons of cases still
      # listed are kept; review the new ones):
      #   mvn -B -o -pl tests -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \\
      #     -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=ValidationCorpusIT -Dcorpus.rewriteKnown=true
      """;

  private KnownDifferences() {}

  /** Case id to reason, sorted by id. */
  public static Map<String, String> read(Path dir) {
    Map<String, String> out = new TreeMap<>();
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) {
      return out;
    }
    try {
      JsonNode root = Corpus.YAML.readTree(Files.readString(f, StandardCharsets.UTF_8));
      if (root != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          out.put(e.getKey(), e.getValue().asText());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(f.toString(), e);
    }
  }

  public static void write(Path dir, Map<String, String> reasons) {
    StringBuilder b = new StringBuilder(HEADER);
    new TreeMap<>(reasons).forEach((id, why) -> b.append(id).append(": ").append(Answer.quote(why)).append('\n'));
    try {
      Files.writeString(dir.resolve(FILE), b.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A first reason for a new difference: which side refuses, and the rule the case exercises. */
  public static String reason(Case c, Answer reference, Answer logplane) {
    if (reference.code() >= 400 && logplane.code() < 300) {
      return "not checked yet: " + (c.rule().isEmpty() ? "kube-apiserver answers " + reference : c.rule());
    }
    if (reference.code() < 300 && logplane.code() >= 400) {
      return "Logplane refuses what kube-apiserver accepts: " + logplane;
    }
    return "Logplane answers " + logplane + ", kube-apiserver " + reference
        + (c.rule().isEmpty() ? "" : " (" + c.rule() + ")");
  }
}
