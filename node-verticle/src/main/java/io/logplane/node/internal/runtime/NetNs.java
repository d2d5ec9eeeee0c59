package io.logplane.node.internal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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

  /** The names of the namespaces on this machine that start with {@code prefix}. */
  public static List<String> named(String prefix) {
    if (!Files.isDirectory(DIR)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
