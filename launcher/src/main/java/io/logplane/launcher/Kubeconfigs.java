package io.logplane.launcher;

import java.nio.file.Path;

/** The kubeconfig file a command uses, as kubectl finds it. */
final class Kubeconfigs {

  private Kubeconfigs() {}

  /** {@code given}, else the first file of {@code $KUBECONFIG}, else {@code ~/.kube/config}. */
  static Path file(Path given) {
    if (given != null) {
      return given;
    }
    String env = System.getenv("KUBECONFIG");
    if (env != null && !env.isEmpty()) {
      return Path.of(env.split(java.io.File.pathSeparator)[0]);
    }
    return Path.of(System.getProperty("user.home"), ".kube", "config");
  }
}
