package io.logplane.node.internal.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named network namespaces, as {@code ip netns} keeps them: a file under {@code /run/netns} that
 * holds the namespace while no process is in it, so a pod's network outlives its containers'
 * restarts and can be found again by name.
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

  /** Creates the namespace, if it is not there yet, with its loopback up. */
  public static Path create(String name) {
    if (!exists(name)) {
      Exec.check("ip", "netns", "add", name);
    }
    Exec.check("ip", "-n", name, "link", "set", "lo", "up");
    return path(name);
  }

  /** Deletes the namespace (its interfaces go with it); nothing happens when it is gone. */
  public static void delete(String name) {
    if (exists(name)) {
      Exec.check("ip", "netns", "delete", name);
    }
  }
}
