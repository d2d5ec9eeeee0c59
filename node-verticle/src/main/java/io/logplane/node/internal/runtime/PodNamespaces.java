package io.logplane.node.internal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod's network, IPC and UTS namespaces kept by files, without a process in them, as CRI-O's
 * {@code pinns} keeps them when it runs no infra container: one {@code unshare} makes the three
 * namespaces, bind-mounts each on its file, brings the loopback up and sets the pod's hostname
 * inside. The pod's containers join them by path; they outlive the containers' restarts and the
 * node agent's, and are freed by unmounting their files.
 */
final class PodNamespaces {

  private PodNamespaces() {}

  /**
   * Makes what is not there yet of the pod's namespaces: {@code netns} (a file under
   * {@code /run/netns}, as {@code ip netns} names them, so CNI plugins and {@code ip -n} find
   * it), {@code ipc} and {@code uts} (null: none, for a pod whose holder makes them). A network namespace that exists already (the pod's, made
   * before the agent restarted) is kept, with its address.
   */
  static void pin(Path netns, Path ipc, Path uts, String hostname) {
    List<String> command = new ArrayList<>(List.of("unshare"));
    boolean net = !Mounts.mounted(netns);
    if (net) {
      command.add("--net=" + touch(netns));
    }
    if (ipc != null && !Mounts.mounted(ipc)) {
      command.add("--ipc=" + touch(ipc));
    }
    boolean newUts = uts != null && !Mounts.mounted(uts);
    if (newUts) {
      command.add("--uts=" + touch(uts));
    }
    if (command.size() == 1) {
      return;
    }
    // inside: the new namespaces (a kept network namespace is not entered)
    command.addAll(List.of("/bin/sh", "-c",
        (net ? "ip link set lo up || exit 1; " : "") + (newUts ? "hostname \"$0\"" : "true"),
        hostname));
    Exec.check(command.toArray(String[]::new));
  }

  /** Frees the namespaces: their files unmounted and removed; nothing happens for what is gone. */
  static void release(Path netns, Path ipc, Path uts) {
    List<Path> files = new ArrayList<>(List.of(netns));
    if (ipc != null) {
      files.add(ipc);
    }
    if (uts != null) {
      files.add(uts);
    }
    Mounts.unmount(files);
    for (Path p : files) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Path touch(Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
