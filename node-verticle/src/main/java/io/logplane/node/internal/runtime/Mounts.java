package io.logplane.node.internal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host mounts a pod needs: a container's root as an overlay (the image's files read-only
 * below, the container's writes in a directory of its own above), the pod's {@code /dev/shm}
 * tmpfs and the tmpfs of its memory-backed volumes.
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
      Exec.check("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + lower + ",upperdir="
          + dir.resolve("upper") + ",workdir=" + dir.resolve("work"), target.toString());
    }
    return target;
  }

  /** Mounts a 64 MiB tmpfs at {@code dir}, as a CRI runtime gives a pod's /dev/shm. */
  static void shm(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!mounted(dir)) {
      Exec.check("mount", "-t", "tmpfs", "-o", "nosuid,nodev,noexec,mode=1777,size=65536k", "shm",
          dir.toString());
    }
  }

  /**
   * Mounts a tmpfs at {@code dir} (a memory-backed volume), of at most {@code sizeBytes} when
   * not null; nothing happens when one is there.
   */
  public static void tmpfs(Path dir, Long sizeBytes) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!mounted(dir)) {
      Exec.check("mount", "-t", "tmpfs", "-o", "nosuid,nodev,mode=0777"
          + (sizeBytes == null ? "" : ",size=" + sizeBytes), "tmpfs", dir.toString());
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
   * Unmounts what is mounted at each of {@code targets}, deepest first, with one {@code umount}
   * for all (a pod's removal frees several); nothing happens for those where nothing is.
   */
  static void unmount(List<Path> targets) {
    while (true) {
      List<String> mountedNow = points().stream()
          .filter(p -> targets.contains(Path.of(p))).distinct()
          .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
      if (mountedNow.isEmpty()) {
        return;
      }
      List<String> command = new ArrayList<>(List.of("umount"));
      command.addAll(mountedNow);
      Exec.check(command.toArray(String[]::new));
    }
  }

  public static boolean mounted(Path target) {
    return under(target).contains(target.toString());
  }

  /** The mount points at or below {@code dir}, from {@code /proc/self/mountinfo}. */
  public static List<String> under(Path dir) {
    return points().stream().filter(p -> p.equals(dir.toString()) || p.startsWith(dir + "/"))
        .toList();
  }

  /** Every mount point, as often as something is mounted there, from {@code /proc/self/mountinfo}. */
  private static List<String> points() {
    List<String> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        out.add(line.split(" ")[4].replace("\\040", " "));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
