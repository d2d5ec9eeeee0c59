package io.logplane.node.internal.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named network namespaces, as {@code ip netns} keeps them: a file under {@code /run/netns} that
 * holds the namespace while no process is in it, so a pod's network outlives its containers'
 * restarts and can be found again by name ({@code ip -n NAME}). {@link PodNamespaces} makes and
 * frees them.
 */
public final class NetNs {

  private static final Path DIR = Path.of("/run/netns");

  private NetNs() {}

  /** The file that names the namespace, which runc joins and CNI plugins enter. */
  public static Path path(String name) {
    return DIR.resolve(name);
  }

  public static boolean exists(String name) {
    return Files.exists(path(name));
  }
}
