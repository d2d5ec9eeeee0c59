package io.logplane.launcher.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which {@code java} a child JVM runs: {@code $LOGPLANE_JAVA}, else {@code $JAVA_HOME}'s, else
 * for a command that wants it the newest JDK among the PATH's and those under /usr/lib/jvm, else
 * the one the launcher runs on. A JDK's version is read from its {@code release} file.
 */
public final class JavaHomes {

  private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

  /** The java binary chosen and the major version of its JDK (0 when unknown). */
  public record Java(Path binary, int major) {}

  private JavaHomes() {}

  /** The choice, given the environment, the candidate homes for the newest and the current home. */
  public static Java choose(Map<String, String> env, boolean newest, List<Path> candidates, Path current) {
    String explicit = env.get("LOGPLANE_JAVA");
    if (explicit != null && !explicit.isEmpty()) {
      Path binary = Path.of(explicit);
      return new Java(binary, major(homeOf(binary)).orElse(0));
    }
    String javaHome = env.get("JAVA_HOME");
    if (javaHome != null && !javaHome.isEmpty() && Files.isExecutable(java(Path.of(javaHome)))) {
      return new Java(java(Path.of(javaHome)), major(Path.of(javaHome)).orElse(0));
    }
    Path home = newest ? newest(candidates).orElse(current) : current;
    return new Java(java(home), major(home).orElse(0));
  }

  /** The home of the highest major version among those with a java binary; the first of equals. */
  static Optional<Path> newest(List<Path> homes) {
    Path best = null;
    int bestMajor = 0;
    for (Path home : homes) {
      int v = Files.isExecutable(java(home)) ? major(home).orElse(0) : 0;
      if (v > bestMajor) {
        best = home;
        bestMajor = v;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The homes to look at for the newest JDK: the PATH's java's (symbolic links followed), then /usr/lib/jvm's. */
  public static List<Path> candidates(String pathVariable, Path jvmDir) {
    List<Path> homes = new ArrayList<>();
    for (String dir : pathVariable == null ? new String[0] : pathVariable.split(java.io.File.pathSeparator)) {
      Path java = Path.of(dir.isEmpty() ? "." : dir, "java");
      if (Files.isExecutable(java)) {
        homeOf(java).ifPresent(homes::add);
        break;
      }
    }
    try (Stream<Path> jvms = Files.list(jvmDir)) {
      jvms.sorted().forEach(homes::add);
    } catch (IOException e) {
      // no such directory: only the PATH's
    }
    return homes;
  }

  /** The feature version in a JDK's {@code release} file. */
  static Optional<Integer> major(Path home) {
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> major(Optional<Path> home) {
    return home.flatMap(JavaHomes::major);
  }

  private static Optional<Path> homeOf(Path binary) {
    try {
      Path real = binary.toRealPath();
      return Optional.ofNullable(real.getParent()).map(Path::getParent);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Path java(Path home) {
    return home.resolve("bin").resolve("java");
  }
}
