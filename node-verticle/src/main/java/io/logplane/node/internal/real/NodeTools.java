package io.logplane.node.internal.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a real node needs of its machine: root, runc, conmon, the CNI {@code bridge},
 * {@code host-local} and {@code loopback} plugins, nft and ip, and a static busybox (its pods'
 * sandbox holder only sleeps, in a root of its own). {@link #find} answers where they are, or
 * in one line what is missing and what to install.
 */
public record NodeTools(Path runc, Path conmon, Path cniPluginDir, Path busybox) {

  /** The Debian packages that bring them all. */
  public static final String PACKAGES =
      "runc conmon containernetworking-plugins nftables iproute2 busybox-static conntrack";
  private static final List<Path> BIN = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
      Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));
  private static final List<Path> CNI = List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"));

  /** The tools, or why a real node cannot run here (one line, naming what to install). */
  public static Result find() {
    List<String> missing = new ArrayList<>();
    Path runc = tool("runc", missing);
    Path conmon = tool("conmon", missing);
    tool("nft", missing);
    tool("ip", missing);
    Path cni = CNI.stream().filter(d -> List.of("bridge", "host-local", "loopback").stream()
        .allMatch(p -> Files.isExecutable(d.resolve(p)))).findFirst().orElse(null);
    if (cni == null) {
      missing.add("the CNI plugins");
    }
    Path busybox = Optional.of(Path.of("/bin/busybox")).filter(NodeTools::staticBinary).orElse(null);
    if (busybox == null) {
      missing.add("a static busybox");
    }
    String root = root() ? null : "root (it runs containers with runc)";
    if (!missing.isEmpty()) {
      return new Result(null, "it needs " + (root != null ? root + " and " : "")
          + String.join(", ", missing) + ": apt-get install " + PACKAGES);
    }
    if (root != null) {
      return new Result(null, "it needs " + root);
    }
    return new Result(new NodeTools(runc, conmon, cni, busybox), null);
  }

  /** The tools found, or the reason they are not. */
  public record Result(NodeTools tools, String missing) {}

  private static Path tool(String name, List<String> missing) {
    for (Path dir : BIN) {
      if (Files.isExecutable(dir.resolve(name))) {
        return dir.resolve(name);
      }
    }
    missing.add(name);
    return null;
  }

  private static boolean root() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false; // not Linux
    }
  }

  /** A 64-bit ELF executable without an interpreter (no PT_INTERP): it runs in an empty root. */
  static boolean staticBinary(Path file) {
    if (!Files.isExecutable(file)) {
      return false;
    }
    try (var in = Files.newInputStream(file)) {
      java.nio.ByteBuffer elf = java.nio.ByteBuffer.wrap(in.readNBytes(1 << 16))
          .order(java.nio.ByteOrder.LITTLE_ENDIAN);
      if (elf.limit() < 64 || elf.getInt(0) != 0x464c457f || elf.get(4) != 2) {
        return false;
      }
      long offset = elf.getLong(0x20);
      int size = Short.toUnsignedInt(elf.getShort(0x36));
      int count = Short.toUnsignedInt(elf.getShort(0x38));
      for (int i = 0; i < count; i++) {
        long at = offset + (long) i * size;
        if (at + 4 > elf.limit()) {
          return false;
        }
        if (elf.getInt((int) at) == 3) { // PT_INTERP
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
