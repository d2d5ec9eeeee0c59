package io.logplane.node.internal.runtime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the tests on real containers need of the machine: root, runc, conmon, the CNI plugins,
 * nft and busybox-static. Without them the tests are skipped, saying what is missing.
 */
public final class RealNode {

  static final Path RUNC = Path.of("/usr/sbin/runc");
  static final Path CONMON = Path.of("/usr/bin/conmon");
  static final Path CNI = Path.of("/usr/lib/cni");
  public static final Path BUSYBOX = Path.of("/bin/busybox");

  private RealNode() {}

  static void assume() {
    assumeTrue(uid() == 0, "real containers need root");
    for (Path tool : new Path[] {RUNC, CONMON, CNI.resolve("bridge"), CNI.resolve("host-local"),
        BUSYBOX, Path.of("/usr/sbin/nft")}) {
      assumeTrue(Files.isExecutable(tool), "real containers need " + tool);
    }
  }

  private static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A busybox root: the static binary and a link for each of its applets, as {@code busybox
   * --install -s} would make them, and the directories runc mounts on.
   */
  public static Path busyboxRoot(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.copy(BUSYBOX, bin.resolve("busybox"));
    for (String applet : Exec.check(BUSYBOX.toString(), "--list").split("\\s+")) {
      if (!applet.isEmpty() && !applet.equals("busybox")) {
        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
      }
    }
    for (String d : new String[] {"proc", "sys", "dev", "etc", "tmp", "www"}) {
      Files.createDirectories(dir.resolve(d));
    }
    Files.writeString(dir.resolve("www/index.html"), "hello from a pod\n");
    return dir;
  }
}
