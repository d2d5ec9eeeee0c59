package io.logplane.launcher;

import io.logplane.kubeclient.KubeConfig;
import io.logplane.kubeclient.KubeConfigException;
import io.logplane.node.HollowNodeOptions;
import io.logplane.node.HollowNodes;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  @Mixin
  LogLevelOption logLevel = new LogLevelOption();

  @Option(names = "--count", required = true, description = "How many nodes.")
  int count;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", description = "Kubeconfig context (default: its current one).")
  String context;

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
    KubeConfig config;
    try {
      config = KubeConfig.load(Kubeconfigs.file(kubeconfig), context);
    } catch (KubeConfigException e) {
      System.err.println("logplane: " + e.getMessage());
      return 2;
    }
    HollowNodeOptions options = HollowNodeOptions.of(count).withNamePrefix(namePrefix)
        .withCapacity(cpu, memory, pods);
    Vertx vertx = Vertx.vertx();
    HollowNodes nodes = new HollowNodes(config, options);
    vertx.deployVerticle(nodes).await(30, TimeUnit.SECONDS);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("logplane: hollow nodes did not stop cleanly: " + e);
      }
      stopped.countDown();
    }, "shutdown"));
    nodes.registered().onSuccess(v -> System.out.printf("%d hollow nodes registered with %s%n",
        count, config.server()));
    stopped.await();
    return 0;
  }
}
