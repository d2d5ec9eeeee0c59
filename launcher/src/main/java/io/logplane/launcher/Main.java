package io.logplane.launcher;

import io.logplane.launcher.jvm.Relaunch;
import io.logplane.launcher.logging.Logs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code logplane} command. Started without JVM options, it first starts itself again in a
 * JVM with the command's options ({@link io.logplane.launcher.jvm}).
 */
@Command(name = "logplane", mixinStandardHelpOptions = true, version = "logplane " + Main.VERSION,
    description = "A Kubernetes-compatible control plane on a Kafka log.",
    subcommands = {UpCommand.class, ServerCommand.class, HollowNodesCommand.class, NodeCommand.class, ImagesCommand.class,
        io.logplane.launcher.history.HistoryCommand.class, io.logplane.launcher.replay.ReplayCommand.class,
        io.logplane.launcher.replay.BenchHistoryCommand.class, io.logplane.bench.BenchCommand.class,
        TrainCommand.class, TokenCommand.class, KeysCommand.class, KafkaCommand.class})
public final class Main implements Runnable {

  /** Logplane's version. */
  public static final String VERSION = "0.1.0";

  public static void main(String[] args) {
    Relaunch.ifNeeded(args);
    // Warnings and errors on the console until a command says otherwise (a server adds its files).
    Logs.console(null);
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
