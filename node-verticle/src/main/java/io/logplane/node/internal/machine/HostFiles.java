package io.logplane.node.internal.machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine's {@code /proc}, {@code /sys} and {@code /etc} files under a root: {@code /} on a
 * node, a fixture tree in tests. Absolute paths are taken relative to the root.
 */
public record HostFiles(Path root) {

  /** The machine this process runs on. */
  public static HostFiles host() {
    return new HostFiles(Path.of("/"));
  }

  /** Where {@code absolute} is under the root. */
  public Path path(String absolute) {
    return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
  }

  /** The file's text; a file that is not there is an error (the kernel always has it). */
  public String read(String absolute) {
    try {
      return Files.readString(path(absolute), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + absolute, e);
    }
  }

  /** The file's text, trimmed, or empty when it is absent or unreadable. */
  public Optional<String> readIfThere(String absolute) {
    Path p = path(absolute);
    if (!Files.isReadable(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(p, StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      return Optional.empty(); // product_uuid is root-only on some machines: not readable
    }
  }

  public boolean exists(String absolute) {
    return Files.exists(path(absolute));
  }
}
