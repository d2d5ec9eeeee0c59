package io.logplane.bench;

import picocli.CommandLine.Option;

/** The options of the leader-kill scenario and of --watch-through, a mixin of {@link BenchCommand}. */
final class ClusterOptions {
  @Option(names = "--watch-through", paramLabel = "FILE", description = "The kubeconfig of another server of the"
      + " same cluster (another replica on the same Kafka): the watch scenario watches through it while it creates"
      + " the pods through the measured one, so its latencies are of delivery from one replica to the other.")
  java.nio.file.Path watchThrough;
  @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]",
      description = "The Kafka cluster of the server's log, which leader-kill asks for the leader of its partition.")
  String bootstrap;
  @Option(names = "--log-topic", paramLabel = "TOPIC", defaultValue = "logplane",
      description = "The log's topic (default: ${DEFAULT-VALUE}).")
  String topic;
  @Option(names = "--kill-leader", paramLabel = "COMMAND",
      description = "A shell command that kills a broker, {id} being its node id, e.g. 'docker kill docker_k{id}_1'.")
  String kill;
  @Option(names = "--restart-leader", paramLabel = "COMMAND",
      description = "A shell command that starts it again, {id} being its node id (default: none).")
  String restart;
  @Option(names = "--leader-kill-clients", paramLabel = "N", defaultValue = "8",
      description = "Threads creating ConfigMaps all along (default: ${DEFAULT-VALUE}).")
  int clients;
  @Option(names = "--leader-kill-steady", paramLabel = "DURATION", defaultValue = "10s",
      description = "Writes before the kill, after it and after the restart (default: ${DEFAULT-VALUE}).")
  String steady;

  /** The leader-kill options, checked. */
  LeaderKill.Options leaderKill() {
    if (bootstrap == null || kill == null) {
      throw new IllegalArgumentException("leader-kill needs --kafka-bootstrap and --kill-leader");
    }
    if (clients < 1) {
      throw new IllegalArgumentException("--leader-kill-clients must be positive");
    }
    return new LeaderKill.Options(bootstrap, topic, kill, restart, clients, Units.duration(steady),
        java.time.Duration.ofMinutes(2));
  }
}
