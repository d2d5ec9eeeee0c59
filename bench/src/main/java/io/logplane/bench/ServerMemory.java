package io.logplane.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The resident memory and CPU use of the server's processes: those named by {@code --pids} (for a
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
    return of(server, named, "--pids", "server's processes", proc);
  }

  /**
   * As {@link #of(URI, List, ProcFs)}, for processes named by the option {@code option} (such
   * as a node agent's by {@code --node-pid}), said to be {@code whose}.
   */
  static ServerMemory of(URI server, List<Long> named, String option, String whose, ProcFs proc) {
    if (!named.isEmpty()) {
      return new ServerMemory(proc, List.copyOf(named), "the processes named by " + option);
    }
    int port = server.getPort() >= 0 ? server.getPort()
        : "https".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
    String how = " (name the " + whose + " with " + option + ")";
    if (!local(server.getHost())) {
      return new ServerMemory(proc, List.of(), "not measured: " + server.getHost()
          + " is not this machine" + how);
    }
    try {
      Set<Long> found = proc.listening(port);
      if (found.isEmpty()) {
        return new ServerMemory(proc, List.of(), "not measured: no process of this user listens"
            + " on port " + port + how);
      }
      return new ServerMemory(proc, List.copyOf(found),
          "the process listening on port " + port + " (" + option + " names others)");
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

  /**
   * The CPU the processes used over {@code window} (slept through), as a result: ok is the
   * number of processes measured, the note the share of one core, all of them together.
   */
  Result cpu(String label, Duration window) throws InterruptedException {
    Errors errors = new Errors();
    if (pids.isEmpty()) {
      return Result.of(label, 0, errors, Double.NaN, Latencies.Stats.EMPTY, why);
    }
    long before = ticks(errors);
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    long after = ticks(errors);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cores = (after - before) / (double) ProcFs.TICKS_PER_SECOND / seconds;
    return Result.of(label, errors.total() > 0 ? 0 : pids.size(), errors, Double.NaN,
        Latencies.Stats.EMPTY, String.format(Locale.ROOT, "CPU %.1f%% of a core over %.0fs",
            cores * 100, seconds));
  }

  /** The measured processes' CPU so far, in clock ticks; -1 when none is measured or one is gone. */
  long cpuTicks() {
    if (pids.isEmpty()) {
      return -1;
    }
    Errors errors = new Errors();
    long t = ticks(errors);
    return errors.total() > 0 ? -1 : t;
  }

  private long ticks(Errors errors) {
    long total = 0;
    for (long pid : pids) {
      long t = proc.cpuTicks(pid);
      if (t < 0) {
        errors.add("no such process", "pid " + pid + " is gone or not readable");
      }
      total += Math.max(t, 0);
    }
    return total;
  }

  private static String mib(long kib) {
    return String.format(Locale.ROOT, "%.1f", kib / 1024.0);
  }
}
