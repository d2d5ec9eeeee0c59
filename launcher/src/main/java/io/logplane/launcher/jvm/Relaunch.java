package io.logplane.launcher.jvm;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts the command again in a child JVM with its options, and stands in for that child until
 * it exits. Not when this JVM is the child (the {@value #CHILD} property), when
 * {@code LOGPLANE_NO_RELAUNCH} is set (embedding, tests), or when {@code java} was given options
 * of its own: those are the user's (a heap size, a debugger), and the command runs here with them;
 * nor for a command that needs no JVM of its own ({@link JvmOptions#needsOwnJvm}), nor in a
 * server's JVM that the {@code ./logplane} script started itself with a choice the launcher kept
 * ({@link DirectStart}).
 */
public final class Relaunch {

  /** The system property that marks the child JVM. */
  public static final String CHILD = "logplane.child";
  /** The system property that gives the child the time its launcher started (ms since the epoch). */
  static final String LAUNCHED = "logplane.launched";
  /** The system property the {@code ./logplane} script sets ({@value #SCRIPT}) beside its options for this JVM. */
  static final String LAUNCHER = "logplane.launcher";
  static final String SCRIPT = "script";
  /** The {@value #LAUNCHER} of a server's JVM that the script started itself, as a launcher had chosen. */
  static final String DIRECT = "direct";
  /** The commands whose JVM the script may start itself. */
  private static final List<String> SERVERS = List.of("up", "server");

  private Relaunch() {}

  /** Returns when the command is to run in this JVM; otherwise runs the child and exits with its code. */
  public static void ifNeeded(String[] args) {
    if (System.getProperty(CHILD) != null) {
      ExitWithParent.watch();
      return;
    }
    if (DIRECT.equals(System.getProperty(LAUNCHER))) {
      return; // the script started this JVM with the choice a launcher kept (DirectStart)
    }
    Map<String, String> env = System.getenv();
    List<String> input = ManagementFactory.getRuntimeMXBean().getInputArguments();
    List<String> argList = Arrays.asList(args);
    // The ./logplane script's options for this JVM are its own, not the user's.
    List<String> user = SCRIPT.equals(System.getProperty(LAUNCHER)) ? List.of() : userOptions(input, env);
    if (!wanted(env, user) || !JvmOptions.needsOwnJvm(argList)) {
      return;
    }
    JvmOptions.Choice choice = JvmOptions.forCommand(argList);
    JavaHomes.Java java = JavaHomes.choose(env, choice.newestJdk(),
        choice.newestJdk() ? JavaHomes.candidates(env.get("PATH"), Path.of("/usr/lib/jvm")) : List.of(),
        Path.of(System.getProperty("java.home")));
    List<String> command = new ArrayList<>();
    command.add(java.binary().toString());
    command.addAll(JvmOptions.effective(choice, env, java.major()));
    Path jar = jar();
    command.addAll(AotCache.options(argList.get(0), java.major(), env, jar));
    if (SCRIPT.equals(System.getProperty(LAUNCHER)) && SERVERS.contains(argList.get(0))) {
      DirectStart.keep(jar, env, JvmOptions.environment(env), command);
    }
    command.add("-D" + CHILD + "=true");
    command.add("-D" + LAUNCHED + "=" + launchedAt());
    command.addAll(jar != null ? List.of("-jar", jar.toString())
        : List.of("-cp", System.getProperty("java.class.path"), "io.logplane.launcher.Main"));
    command.addAll(argList);
    System.exit(Child.run(command, JvmOptions.environment(env)));
  }

  /**
   * When the command the user ran started (ms since the epoch): as the {@code ./logplane} script
   * or the launcher said, else this JVM's start.
   */
  public static long launchedAt() {
    return Long.getLong(LAUNCHED, ManagementFactory.getRuntimeMXBean().getStartTime());
  }

  /** Whether to start a child: not when told not to, nor when {@code java} had options of the user's. */
  static boolean wanted(Map<String, String> env, List<String> userOptions) {
    String optOut = env.get("LOGPLANE_NO_RELAUNCH");
    return (optOut == null || optOut.isEmpty()) && userOptions.isEmpty();
  }

  /**
   * The JVM's input arguments less those that came from the environment variables the JVM reads
   * itself: those are the machine's, and the child gets them too.
   */
  static List<String> userOptions(List<String> inputArguments, Map<String, String> env) {
    List<String> fromEnv = new ArrayList<>();
    for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
      String value = env.get(variable);
      if (value != null) {
        fromEnv.addAll(Arrays.asList(value.trim().split("\\s+")));
      }
    }
    List<String> out = new ArrayList<>(inputArguments);
    fromEnv.forEach(out::remove);
    return out;
  }

  /** The launcher's jar, or null when it runs from classes (then it starts again from its class path). */
  private static Path jar() {
    try {
      Path location = Path.of(Relaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(location) ? location : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
