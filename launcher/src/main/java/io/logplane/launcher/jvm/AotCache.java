package io.logplane.launcher.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The JVM's ahead-of-time cache (JDK 25: JEP 483's loaded and linked classes with JEP 515's
 * method profiles), kept beside the launcher's jar as {@value #FILE}. {@code logplane train}
 * records it in a JVM given {@code -XX:AOTCacheOutput}; a server ({@code up}, {@code server})
 * starts from it when it is there and not older than the jar, so a fresh server starts sooner
 * and compiles its hot paths from the first requests on. The JVM checks the cache against its
 * own build and class path and goes on without it when they differ; {@code LOGPLANE_AOT=off}
 * leaves it out. Its log lines (classes it could not store) are kept off the console.
 */
public final class AotCache {

  /** The cache's file name, beside the jar. */
  public static final String FILE = "logplane.aot";
  /** The first JDK whose cache holds method profiles. */
  static final int MIN_MAJOR = 25;
  private static final String QUIET = "-Xlog:aot*=off";

  private AotCache() {}

  /**
   * The options a child JVM of the command gets: records the cache for {@code train}, uses it
   * for a server when it is current; none on an older JDK, without a jar, or when turned off.
   */
  public static List<String> options(String command, int javaMajor, Map<String, String> env, Path jar) {
    if (javaMajor < MIN_MAJOR || jar == null || "off".equals(env.get("LOGPLANE_AOT"))) {
      return List.of();
    }
    Path cache = jar.resolveSibling(FILE);
    return switch (command) {
      case "train" -> List.of(QUIET, "-XX:AOTCacheOutput=" + cache);
      case "up", "server" -> current(cache, jar) ? List.of(QUIET, "-XX:AOTCache=" + cache) : List.of();
      default -> List.of();
    };
  }

  /** Where the cache of the running launcher lies, for messages. */
  public static String describe() {
    return FILE + " beside the launcher's jar";
  }

  /** Whether the cache exists and was recorded from this jar (not before it was built). */
  static boolean current(Path cache, Path jar) {
    try {
      return Files.isRegularFile(cache) && Files.size(cache) > 0
          && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) >= 0;
    } catch (IOException e) {
      return false;
    }
  }
}
