package io.logplane.node.internal.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The host mounts a pod needs: a container's root as an overlay (the image's files read-only
 * below, the container's writes in a directory of its own above), the pod's {@code /dev/shm}
 * tmpfs and the tmpfs of its memory-backed volumes. Made and undone by the kernel's calls
 * ({@link Kernel}), not by a {@code mount} process each: a node starting ten pods a second
 * would spend more on those processes (and on their reading of every mount of the machine) than
 * on the mounts. Whether something is mounted at a path is asked of the path itself ({@code
 * statx}), not looked up among all the machine's mounts, since a node's every pod sync asks it.
 */
public final class Mounts {

  private Mounts() {}

  /** Mounts {@code lower} with {@code dir/upper} over it at {@code dir/rootfs}. */
  static Path overlay(Path lower, Path dir) {
    Path target = dir.resolve("rootfs");
    try {
      Files.createDirectories(dir.resolve("upper"));
      Files.createDirectories(dir.resolve("work"));
      Files.createDirectories(target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!mounted(target)) {
      Kernel.mount("overlay", target, "overlay", 0, "lowerdir=" + lower + ",upperdir="
          + dir.resolve("upper") + ",workdir=" + dir.resolve("work"));
    }
    return target;
  }

  /** Mounts a 64 MiB tmpfs at {@code dir}, as a CRI runtime gives a pod's /dev/shm. */
  static void shm(Path dir) {
    createDirectories(dir);
    if (!mounted(dir)) {
      Kernel.mount("shm", dir, "tmpfs", Kernel.MS_NOSUID | Kernel.MS_NODEV | Kernel.MS_NOEXEC,
          "mode=1777,size=65536k");
    }
  }

  /**
   * Mounts a tmpfs at {@code dir} (a memory-backed volume), of at most {@code sizeBytes} when
   * not null; nothing happens when one is there.
   */
  public static void tmpfs(Path dir, Long sizeBytes) {
    createDirectories(dir);
    if (!mounted(dir)) {
      Kernel.mount("tmpfs", dir, "tmpfs", Kernel.MS_NOSUID | Kernel.MS_NODEV,
          "mode=0777" + (sizeBytes == null ? "" : ",size=" + sizeBytes));
    }
  }

  /** Unmounts all that is mounted at or below {@code dir}, deepest first. */
  static void unmountAll(Path dir) {
    unmount(under(dir).stream().map(Path::of).toList());
  }

  /** Unmounts what is mounted at {@code target}; nothing happens when nothing is. */
  static void unmount(Path target) {
    unmount(List.of(target));
  }

  /**
   * Unmounts what is mounted at each of {@code targets}, deepest first, as often as something
   * is mounted there; nothing happens for those where nothing is.
   */
  static void unmount(List<Path> targets) {
    List<Path> deepestFirst = new ArrayList<>(targets);
    deepestFirst.sort(Comparator.comparingInt(Path::getNameCount).reversed());
    for (Path target : deepestFirst) {
      while (Kernel.unmount(target)) {
        // a mount stacked below the one just gone comes next
      }
    }
  }

  /** Whether a file system, or a bind, is mounted at {@code target}. */
  public static boolean mounted(Path target) {
    return Kernel.mountRoot(target);
  }

  /** The mount points at or below {@code dir}, from {@code /proc/self/mountinfo}. */
  public static List<String> under(Path dir) {
    String exact = dir.toString();
    String below = exact + "/";
    List<String> out = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(Path.of("/proc/self/mountinfo"),
        StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String point = mountPoint(line);
        if (point.equals(exact) || point.startsWith(below)) {
          out.add(point);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The fifth field of a line of {@code mountinfo}, its spaces unescaped. */
  static String mountPoint(String line) {
    int start = 0;
    for (int field = 0; field < 4; field++) {
      start = line.indexOf(' ', start) + 1;
    }
    int end = line.indexOf(' ', start);
    String point = line.substring(start, end < 0 ? line.length() : end);
    return point.indexOf('\\') < 0 ? point : point.replace("\\040", " ");
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
