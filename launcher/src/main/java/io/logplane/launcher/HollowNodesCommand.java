package io.logplane.launcher;

import io.logplane.kubeclient.KubeConfig;
import io.logplane.node.HollowNodeOptions;
import io.logplane.node.HollowNodes;
import java.util.concurrent.Callable;
import io.logplane.launcher.logging.LogLevelOption;
import io.logplane.launcher.logging.Logs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logplane hollow-nodes}: simulated nodes against any Kubernetes API server, as kwok
 * runs them, until the process is stopped.
 */
@Command(name = "hollow-nodes", mixinStandardHelpOptions = true,
    description = "Run simulated nodes (registration, leases, pod status; no containers) against"
        + " the API server of a kubeconfig.")
public final class HollowNodesCommand implements Callable<Integer> {

  @Option(names = "--count", required = true, description = "How many nodes.")
  int count;

  @Mixin
  KubeconfigOptions kubeconfig;

  @Mixin
  LogLevelOption logLevel = new LogLevelOption();

  @Option(names = "--name-prefix", defaultValue = "hollow-node",
      description = "Nodes are named PREFIX-0 to PREFIX-(count-1) (default: ${DEFAULT-VALUE}).")
  String namePrefix;

  @Option(names = "--cpu", defaultValue = "4", description = "CPU of each node (default: ${DEFAULT-VALUE}).")
  String cpu;

  @Option(names = "--memory", defaultValue = "16Gi",
      description = "Memory of each node (default: ${DEFAULT-VALUE}).")
  String memory;

  @Option(names = "--pods", defaultValue = "110", description = "Pods per node (default: ${DEFAULT-VALUE}).")
  String pods;

  @Override
  public Integer call() throws Exception {
    Logs.console(logLevel.level());
    if (count < 1) {
      System.err.println("logplane: --count must be at least 1");
      return 2;
    }
    KubeConfig config = kubeconfig.load();
    if (config == null) {
      return 2;
    }
    HollowNodeOptions options = HollowNodeOptions.of(count).withNamePrefix(namePrefix)
        .withCapacity(cpu, memory, pods);
    UntilStopped.run(new HollowNodes(config, options), 10, "hollow nodes", nodes -> nodes.registered()
        .onSuccess(v -> System.out.printf("%d hollow nodes registered with %s%n", count, config.server())));
    return 0;
  }
}
