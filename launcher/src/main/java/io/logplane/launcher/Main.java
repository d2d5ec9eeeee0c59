package io.logplane.launcher;

import io.logplane.launcher.jvm.Relaunch;
import io.logplane.launcher.logging.Logs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code logplane} command. Started without JVM options, it first starts itself again in a
 * JVM with the command's options ({@link io.logplane.launcher.jvm}).
 */
@Command(name = "logplane", mixinStandardHelpOptions = true, version = "logplane " + Main.VERSION,
    description = "A Kubernetes-compatible control plane on a Kafka log.")
public final class Main implements Runnable {

  /** Logplane's version. */
  public static final String VERSION = "0.1.0";

  /**
   * The subcommands by name, in the order help lists them. Picocli reads a command's annotations
   * when it is added (its own classes are too old for the JVM's ahead-of-time cache): a run adds
   * only the one it was asked for, a tenth of a second less before a server starts.
   */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  public static void main(String[] args) {
    Relaunch.ifNeeded(args);
    // Warnings and errors on the console until a command says otherwise (a server adds its files).
    Logs.console(null);
    System.exit(commandLine(args).execute(args));
  }

  /** The command line for these arguments: their subcommand alone when they name one, else all. */
  public static CommandLine commandLine(String... args) {
    CommandLine line = new CommandLine(new Main());
    Supplier<Object> asked = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    if (asked != null) {
      line.addSubcommand(args[0], asked.get());
    } else {
      SUBCOMMANDS.forEach((name, command) -> line.addSubcommand(name, command.get()));
    }
    return line;
  }

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("up", UpCommand::new);
    m.put("server", ServerCommand::new);
    m.put("hollow-nodes", HollowNodesCommand::new);
    m.put("node", NodeCommand::new);
    m.put("images", ImagesCommand::new);
    m.put("history", io.logplane.launcher.history.HistoryCommand::new);
    m.put("replay", io.logplane.launcher.replay.ReplayCommand::new);
    m.put("bench-history", io.logplane.launcher.replay.BenchHistoryCommand::new);
    m.put("bench", io.logplane.bench.BenchCommand::new);
    m.put("train", TrainCommand::new);
    m.put("token", TokenCommand::new);
    m.put("keys", KeysCommand::new);
    m.put("kafka", KafkaCommand::new);
    return m;
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }
}
