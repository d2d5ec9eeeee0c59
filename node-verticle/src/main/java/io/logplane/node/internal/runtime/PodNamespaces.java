package io.logplane.node.internal.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's network, IPC and UTS namespaces kept by files, without a process in them, as CRI-O's
 * {@code pinns} keeps them when it runs no infra container: a thread of the node's own makes the
 * three namespaces for itself ({@code unshare}), bind-mounts each on its file, brings the
 * loopback up and sets the pod's hostname inside, and ends. The pod's containers join them by
 * path; they outlive the containers' restarts and the node agent's, and are freed by unmounting
 * their files.
 */
final class PodNamespaces {

  private PodNamespaces() {}

  /**
   * Makes what is not there yet of the pod's namespaces: {@code netns} (a file under
   * {@code /run/netns}, as {@code ip netns} names them, so CNI plugins and {@code ip -n} find
   * it), {@code ipc} and {@code uts} (null: none, for a pod whose holder makes them). A network
   * namespace that exists already (the pod's, made before the agent restarted) is kept, with its
   * address.
   */
  static void pin(Path netns, Path ipc, Path uts, String hostname) {
    Map<Path, String> pins = new LinkedHashMap<>();
    int flags = 0;
    if (!Mounts.mounted(netns)) {
      pins.put(touch(netns), "net");
      flags |= Kernel.CLONE_NEWNET;
    }
    if (ipc != null && !Mounts.mounted(ipc)) {
      pins.put(touch(ipc), "ipc");
      flags |= Kernel.CLONE_NEWIPC;
    }
    if (uts != null && !Mounts.mounted(uts)) {
      pins.put(touch(uts), "uts");
      flags |= Kernel.CLONE_NEWUTS;
    }
    if (flags != 0) {
      inNewThread(flags, pins, hostname);
    }
  }

  /**
   * On a thread that ends right after (namespaces are a thread's own, and nothing brings this
   * one back): the new namespaces, each bound to its file.
   */
  private static void inNewThread(int flags, Map<Path, String> pins, String hostname) {
    RuntimeException[] failed = new RuntimeException[1];
    Thread t = new Thread(() -> {
      try {
        Kernel.unshare(flags);
        for (Map.Entry<Path, String> pin : pins.entrySet()) {
          Kernel.mount("/proc/thread-self/ns/" + pin.getValue(), pin.getKey(), null, Kernel.MS_BIND, null);
        }
        if ((flags & Kernel.CLONE_NEWNET) != 0) {
          Kernel.loopbackUp();
        }
        if ((flags & Kernel.CLONE_NEWUTS) != 0) {
          Kernel.sethostname(hostname);
        }
      } catch (RuntimeException e) {
        failed[0] = e;
      }
    }, "pod-namespaces");
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted making the namespaces of " + pins.keySet(), e);
    }
    if (failed[0] != null) {
      Mounts.unmount(new ArrayList<>(pins.keySet())); // those bound before the failure
      throw failed[0];
    }
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
