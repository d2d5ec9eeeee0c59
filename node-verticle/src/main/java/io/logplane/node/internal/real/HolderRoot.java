package io.logplane.node.internal.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The root of the pods' sandbox holders: a process that only waits to be killed, as the
 * kubelet's pause container. Here it is the machine's static busybox sleeping, alone in a
 * directory with the mount points runc needs.
 */
final class HolderRoot {
  static final List<String> ARGS = List.of("/bin/busybox", "sleep", "2147483647");

  private HolderRoot() {}

  /** Makes (or refreshes) the holder's root in {@code dir} from {@code busybox}; returns it. */
  static Path make(Path dir, Path busybox) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path copy = bin.resolve("busybox");
    if (!Files.exists(copy) || Files.size(copy) != Files.size(busybox)) {
      Path tmp = bin.resolve("busybox.tmp");
      Files.copy(busybox, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    for (String d : new String[] {"proc", "sys", "dev", "etc", "tmp"}) {
      Files.createDirectories(dir.resolve(d));
    }
    return dir;
  }
}
