package io.logplane.launcher.jvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Initializes, once a server is ready, the classes its ahead-of-time cache's compilations wait
 * for ({@value #LIST} beside this class).
 *
 * <p>A JDK 25 cache holds the training run's method profiles and the record of what its C2
 * compiler compiled. A server replays a recorded compilation only once every class that
 * compilation depended on is initialized in the server too; until then the method runs C1's
 * code, and the fallback waits for some 50,000 calls (the JVM's {@code Tier2ProfileDelayFactor}
 * of 250 times the usual threshold) before it profiles the method afresh. Some of those classes
 * are initialized only on rare paths: an exception the training's workload threw, a lock's
 * queue node made under contention, the scheduler's plugins before a first pod. Measured: a
 * fresh server's request dispatch waited for {@code ApiException} and ran C1's code for its
 * first 40,000 creates, until the bench's first refused request initialized that class.
 */
public final class CompileDependencies {

  /** The list's resource, beside this class: one binary class name per line, {@code #} comments. */
  static final String LIST = "compile-dependencies.txt";

  private CompileDependencies() {}

  /** The listed class names. */
  static List<String> names() {
    try (InputStream in = CompileDependencies.class.getResourceAsStream(LIST)) {
      if (in == null) {
        throw new IllegalStateException(LIST + " is missing beside " + CompileDependencies.class.getName());
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Initializes the listed classes on a thread of its own, and returns at once. A class that is
   * missing or fails to initialize (another platform's native transport) is passed over: it
   * only leaves its compilations to the JVM's usual course.
   */
  public static void initializeSoon() {
    Thread thread = new Thread(() -> names().forEach(CompileDependencies::initialize), "compile-dependencies");
    thread.setDaemon(true);
    thread.start();
  }

  /** Whether the named class is now initialized. */
  static boolean initialize(String name) {
    try {
      Class.forName(name, true, CompileDependencies.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
