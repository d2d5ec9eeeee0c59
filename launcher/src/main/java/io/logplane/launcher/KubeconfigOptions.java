package io.logplane.launcher;

import io.logplane.kubeclient.KubeConfig;
import io.logplane.kubeclient.KubeConfigException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of a command that talks to the API server of a kubeconfig ({@code --kubeconfig},
 * {@code --context}), shared as a picocli mixin by {@code logplane node} and
 * {@code logplane hollow-nodes}.
 */
final class KubeconfigOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", description = "Kubeconfig context (default: its current one).")
  String context;

  /** The kubeconfig the options name; null, the reason printed, when it cannot be read. */
  KubeConfig load() {
    try {
      return KubeConfig.load(Kubeconfigs.file(kubeconfig), context);
    } catch (KubeConfigException e) {
      System.err.println("logplane: " + e.getMessage());
      return null;
    }
  }
}
