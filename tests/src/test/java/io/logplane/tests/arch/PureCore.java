package io.logplane.tests.arch;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * STYLE.md's pure core: the state machine and every Logplane class it reaches use no store, no
 * log client, no event loop, no file or socket, no clock and no randomness. Timestamps, uids
 * and names come inside the record; what the core may call is found by following its
 * dependencies, so a helper it starts to use is held to the rule too.
 */
final class PureCore {

  /** Packages and classes whose use makes code impure. */
  static final List<String> FORBIDDEN_TYPES = List.of("org.rocksdb.", "org.apache.kafka.", "io.vertx.",
      "io.netty.", "java.io.File", "java.io.RandomAccessFile", "java.nio.file.", "java.nio.channels.",
      "java.net.", "java.time.Clock", "java.util.Random", "java.security.SecureRandom",
      "java.util.concurrent.ThreadLocalRandom", "java.util.SplittableRandom", "java.lang.Thread",
      "java.util.concurrent.Executor");

  /** Methods that read the clock or a random source, as {@code owner#name}. */
  static final Set<String> FORBIDDEN_CALLS = Set.of("java.lang.System#currentTimeMillis",
      "java.lang.System#nanoTime", "java.lang.System#getenv", "java.lang.System#getProperty",
      "java.time.Instant#now", "java.time.LocalDateTime#now", "java.time.LocalDate#now",
      "java.time.ZonedDateTime#now", "java.time.OffsetDateTime#now", "java.util.UUID#randomUUID",
      "java.lang.Math#random", "java.util.Date#<init>");

  private PureCore() {}

  /** The Logplane classes {@code root} reaches through its dependencies, root included. */
  static Set<JavaClass> reach(JavaClasses classes, Class<?> root) {
    Set<JavaClass> seen = new LinkedHashSet<>();
    ArrayDeque<JavaClass> todo = new ArrayDeque<>(List.of(classes.get(root)));
    while (!todo.isEmpty()) {
      JavaClass c = todo.poll();
      if (!seen.add(c)) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass t = d.getTargetClass().getBaseComponentType();
        if (t.getName().startsWith("io.logplane.") && classes.contain(t.getName())) {
          todo.add(classes.get(t.getName()));
        }
      }
    }
    return seen;
  }

  /** What makes the core reached from {@code root} impure, one line each; empty when it is pure. */
  static List<String> violations(JavaClasses classes, Class<?> root) {
    List<String> out = new ArrayList<>();
    for (JavaClass c : reach(classes, root)) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getBaseComponentType().getName();
        if (FORBIDDEN_TYPES.stream().anyMatch(f -> target.equals(f) || (f.endsWith(".") && target.startsWith(f)))) {
          out.add(d.getDescription());
        }
      }
      for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
        if (FORBIDDEN_CALLS.contains(call.getTargetOwner().getName() + "#" + call.getName())) {
          out.add(call.getDescription());
        }
      }
    }
    return out;
  }
}
