package io.logplane.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The resident memory of the server's processes: those named by {@code --pids} (for a
 * reference control plane: etcd, kube-apiserver, kube-scheduler, kube-controller-manager), or
 * else, for a server on this machine, the process listening on its port.
 */
final class ServerMemory {
  private final ProcFs proc;
  private final List<Long> pids;
  private final String why;

  private ServerMemory(ProcFs proc, List<Long> pids, String why) {
    this.proc = proc;
    this.pids = pids;
    this.why = why;
  }

  /**
   * The processes to measure: {@code named} when not empty, else the local listener of
   * {@code server}'s port; {@link #describe()} says which, or why none.
   */
  static ServerMemory of(URI server, List<Long> named, ProcFs proc) {
    if (!named.isEmpty()) {
      return new ServerMemory(proc, List.copyOf(named), "the processes named by --pids");
    }
    int port = server.getPort() >= 0 ? server.getPort()
        : "https".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
    if (!local(server.getHost())) {
      return new ServerMemory(proc, List.of(), "not measured: " + server.getHost()
          + " is not this machine (name the server's processes with --pids)");
    }
    try {
      Set<Long> found = proc.listening(port);
      if (found.isEmpty()) {
        return new ServerMemory(proc, List.of(), "not measured: no process of this user listens"
            + " on port " + port + " (name the server's processes with --pids)");
      }
      return new ServerMemory(proc, List.copyOf(found),
          "the process listening on port " + port + " (--pids names others)");
    } catch (IOException e) {
      return new ServerMemory(proc, List.of(), "not measured: cannot read /proc: " + e.getMessage());
    }
  }

  static ServerMemory of(URI server, List<Long> named) {
    return of(server, named, new ProcFs(Path.of("/proc")));
  }

  private static boolean local(String host) {
    try {
      InetAddress address = InetAddress.getByName(host.replace("[", "").replace("]", ""));
      return address.isLoopbackAddress() || address.isAnyLocalAddress()
          || NetworkInterface.getByInetAddress(address) != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Which processes are measured, or why none. */
  String describe() {
    List<String> names = new ArrayList<>();
    for (long pid : pids) {
      ProcFs.Process p = proc.process(pid);
      names.add(p.name() + "[" + pid + "]");
    }
    return names.isEmpty() ? why : String.join(", ", names) + ": " + why;
  }

  /**
   * The memory now, as a result: ok is the number of processes measured, the note the total
   * and each process; an error when a named process is gone.
   */
  Result sample(String label) {
    Errors errors = new Errors();
    if (pids.isEmpty()) {
      return Result.of(label, 0, errors, Double.NaN, Latencies.Stats.EMPTY, why);
    }
    long total = 0;
    int measured = 0;
    List<String> each = new ArrayList<>();
    for (long pid : pids) {
      ProcFs.Process p = proc.process(pid);
      if (p.rssKib() < 0) {
        errors.add("no such process", "pid " + pid + " is gone or not readable");
        continue;
      }
      measured++;
      total += p.rssKib();
      each.add(p.name() + "[" + pid + "] " + mib(p.rssKib()) + " MiB");
    }
    return Result.of(label, measured, errors, Double.NaN, Latencies.Stats.EMPTY,
        "RSS " + mib(total) + " MiB: " + String.join(", ", each));
  }

  private static String mib(long kib) {
    return String.format(Locale.ROOT, "%.1f", kib / 1024.0);
  }
}
