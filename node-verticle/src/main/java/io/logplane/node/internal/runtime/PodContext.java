package io.logplane.node.internal.runtime;

import java.nio.file.Path;

/**
 * What a pod's containers share, as host paths: the namespaces to join and the files the node
 * writes for the pod.
 *
 * @param netns    the pod's network namespace; null for a {@code hostNetwork} pod
 * @param ipcNs    the pod's IPC namespace to join (a pinned file, or the holder's); null to make a new one (the holder itself)
 * @param utsNs    the pod's UTS namespace to join (a pinned file, or the holder's); null to make a new one (the holder itself)
 * @param pidNs    the holder's PID namespace to join ({@code shareProcessNamespace}); null for a
 *                 PID namespace of the container's own
 * @param shm      the pod's {@code /dev/shm}, a tmpfs the node mounted
 * @param hosts    the pod's {@code /etc/hosts}
 * @param resolvConf the pod's {@code /etc/resolv.conf}
 * @param hostnameFile the pod's {@code /etc/hostname}
 */
public record PodContext(String hostname, Path netns, Path ipcNs, Path utsNs, Path pidNs,
    Path shm, Path hosts, Path resolvConf, Path hostnameFile) {

  /** The same pod's context for a container that joins the IPC and UTS namespaces kept by these files. */
  public PodContext pinned(Path ipc, Path uts) {
    return new PodContext(hostname, netns, ipc, uts, null, shm, hosts, resolvConf, hostnameFile);
  }

  /** The same pod's context for a container that joins the namespaces of the holder {@code pid}. */
  public PodContext joining(long pid, boolean shareProcesses) {
    Path ns = Path.of("/proc", Long.toString(pid), "ns");
    return new PodContext(hostname, netns, ns.resolve("ipc"), ns.resolve("uts"),
        shareProcesses ? ns.resolve("pid") : null, shm, hosts, resolvConf, hostnameFile);
  }
}
