package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decision does not depend on the JVM that makes it: the server runs on the newest JDK and a
 * replay on whichever the PATH gives, and both must write the same bytes. {@link DecisionDigest}
 * runs in a child JVM of every JDK under /usr/lib/jvm (and this test's own), each once as it
 * is and once without helpful NullPointerException texts, in another language, time zone and
 * default charset; every run must print the same hash for every decision.
 */
class JdkDeterminismIT {

  private static final List<String> PLAIN = List.of();
  private static final List<String> ODD = List.of("-XX:-ShowCodeDetailsInExceptionMessages",
      "-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Asia/Kathmandu", "-Dfile.encoding=ISO-8859-1");

  @TempDir
  Path dir;

  @Test
  void everyJdkAndLocaleDecidesTheSameBytes() throws Exception {
    Map<String, List<String>> runs = new LinkedHashMap<>();
    int n = 0;
    for (Path java : javas()) {
      for (List<String> flags : List.of(PLAIN, ODD)) {
        String name = java + (flags.isEmpty() ? "" : " " + String.join(" ", flags));
        runs.put(name, run(java, flags, dir.resolve("run" + n++)));
      }
    }
    Map.Entry<String, List<String>> first = runs.entrySet().iterator().next();
    assertTrue(first.getValue().size() > 20, "the corpus was decided: " + first.getValue());
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, List<String>> other : runs.entrySet()) {
      for (int i = 0; i < Math.max(first.getValue().size(), other.getValue().size()); i++) {
        if (!line(first.getValue(), i).equals(line(other.getValue(), i))) {
          differences.add(first.getKey() + ": " + line(first.getValue(), i) + "\n" + other.getKey() + ": "
              + line(other.getValue(), i));
        }
      }
    }
    assertTrue(differences.isEmpty(), "decisions differ:\n" + String.join("\n\n", differences));
  }

  private static String line(List<String> lines, int i) {
    return i < lines.size() ? lines.get(i) : "(none)";
  }

  /** This JVM's java and those of every JDK under /usr/lib/jvm, once each. */
  private static Set<Path> javas() throws IOException {
    Set<Path> out = new LinkedHashSet<>();
    out.add(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath());
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> s = Files.list(jvms)) {
        for (Path jdk : s.sorted().toList()) {
          Path java = jdk.resolve("bin/java");
          if (Files.isExecutable(java)) {
            out.add(java.toRealPath());
          }
        }
      }
    }
    return out;
  }

  private static List<String> run(Path java, List<String> flags, Path stores) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(flags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DecisionDigest.class.getName(),
        StateMachineGoldenTest.DIR.toAbsolutePath().toString(), stores.toString()));
    Files.createDirectories(stores);
    Path out = stores.resolve("out");
    Path err = stores.resolve("err");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertEquals(0, p.waitFor(), java + " " + flags + " failed:\n" + Files.readString(err));
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }
}
