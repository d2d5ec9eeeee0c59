package io.logplane.launcher.jvm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM options of each command, and whether it runs on the newest JDK found: the one table of
 * them. The measurements behind each choice are in README.md, next to the commands that make them.
 *
 * <ul>
 *   <li>{@code replay} and {@code bench-history}: a rebuild makes short-lived garbage at a high
 *       rate (a parsed tree per record) while it keeps a window of decoded batches alive; a large
 *       young generation keeps those out of the old one. Loading the changelog is a few seconds of
 *       bulk work in which the C2 compiler would take a large share of the CPU, so those runs use
 *       C1 only ({@code replay} without {@code --decide}, {@code bench-history} with
 *       {@code --changelog-only}); deciding every record runs long enough for C2 to pay off.
 *       They stay on the JDK they were started with: newer JDKs did not make them faster.
 *   <li>{@code up} and {@code server}: a server answers while it collects, so a short pause
 *       goal keeps G1's young collections short for watchers; ZGC was slower on a small machine.
 *       Its heap is held to 576 MiB: G1 grows a heap to its maximum under a burst of writes
 *       whatever the live set, and the whole process is to stay within 1 GiB with 5,000 nodes
 *       and 10,000 pods (250 MiB live). Its young generation is at least 40 % of it: left to
 *       the pause goal alone, G1 kept it small under a burst of creates, collected often and
 *       promoted requests still in flight, which then cost concurrent marking (creates 3,109-3,270/s
 *       against 2,647-2,952/s, the same resident memory and scheduler benchmark; README). That
 *       share is of the heap G1 has, so the heap starts at 64 MiB and grows with the load: from
 *       the JVM's initial 1/64 of the machine (384 MiB here) the young generation alone touched
 *       150 MiB while it started, and an idle server held 443 MB instead of 345-355 MB (README).
 *       A bigger cluster needs more: the server warns when its
 *       live set nears the maximum ({@code LOGPLANE_JAVA_OPTS} raises it). Newer JDKs run the
 *       server faster, so it runs on the newest JDK found, and there from the ahead-of-time cache
 *       that {@code train}, run with the same options, records ({@link AotCache}).
 *   <li>every other command (clients: hollow nodes, benchmarks): the same collector, a heap of
 *       2 GiB at most.
 * </ul>
 *
 * <p>Every child gets glibc's malloc arenas held to two ({@code MALLOC_ARENA_MAX}, unless set):
 * RocksDB, Netty and the JVM allocate natively from many threads, and the default of eight
 * arenas per core kept about 60 MB more resident in the scheduler benchmark.
 *
 * <p>{@code LOGPLANE_JAVA_OPTS}, when not empty, replaces the table's options. On Java 24 and later the JVM warns
 * at the first use of sun.misc.Unsafe's memory access (protobuf's): that use is allowed.
 */
public final class JvmOptions {

  private static final List<String> SERVER = List.of("-Xms64m", "-Xmx576m", "-XX:+UseG1GC",
      "-XX:MaxGCPauseMillis=20", "-XX:+UnlockExperimentalVMOptions", "-XX:G1NewSizePercent=40");

  /** What a command runs with: its JVM options and whether it wants the newest JDK found. */
  public record Choice(List<String> options, boolean newestJdk) {}

  private JvmOptions() {}

  /**
   * Whether a command line wants a JVM of its own: not a short client command ({@code history},
   * {@code images})
   * nor help or the version, which answer at once in the JVM they were started in.
   */
  public static boolean needsOwnJvm(List<String> args) {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      return false;
    }
    return !List.of("history", "images", "help", "--version", "-V").contains(args.get(0));
  }

  /** The table: the choice for a command line ({@code args[0]} is the command). */
  public static Choice forCommand(List<String> args) {
    String command = args.isEmpty() ? "" : args.get(0);
    List<String> rebuild = List.of("-Xmx4g", "-Xmn2g", "-XX:+UseG1GC");
    List<String> rebuildC1 = plus(rebuild, "-XX:TieredStopAtLevel=1");
    switch (command) {
      case "replay":
        return new Choice(args.contains("--decide") ? rebuild : rebuildC1, false);
      case "bench-history":
        return new Choice(args.contains("--changelog-only") ? rebuildC1 : rebuild, false);
      case "up", "server":
        return new Choice(SERVER, true);
      case "train":
        // A server's options, and three C2 compiler threads where a small machine has one: the
        // training's server is to reach C2's code on its hot paths within the run, since the
        // cache records only what C2 compiled, and a later server holds back what it did not.
        return new Choice(plus(SERVER, "-XX:CICompilerCount=4"), true);
      case "kafka":
        // A broker keeps its records in the page cache, not the heap: Kafka's own start script gives 1 GiB.
        return new Choice(List.of("-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"), true);
      default:
        return new Choice(List.of("-Xmx2g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"), true);
    }
  }

  /** What a child's environment gets besides the launcher's (see the class comment). */
  public static Map<String, String> environment(Map<String, String> env) {
    return env.containsKey("MALLOC_ARENA_MAX") ? Map.of() : Map.of("MALLOC_ARENA_MAX", "2");
  }

  /** The options a child JVM of major version {@code javaMajor} gets, after the environment's override. */
  public static List<String> effective(Choice choice, Map<String, String> env, int javaMajor) {
    List<String> out = new ArrayList<>();
    if (javaMajor >= 24) {
      out.add("--sun-misc-unsafe-memory-access=allow");
    }
    String override = env.get("LOGPLANE_JAVA_OPTS");
    if (override != null && !override.isBlank()) {
      Arrays.stream(override.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(out::add);
    } else {
      out.addAll(choice.options());
    }
    return out;
  }

  /** {@code options} and one more, last. */
  private static List<String> plus(List<String> options, String option) {
    List<String> out = new ArrayList<>(options);
    out.add(option);
    return List.copyOf(out);
  }
}
