package io.logplane.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Linux's {@code /proc}, read for the memory and CPU figures: a process's resident set
 * ({@code VmRSS} of {@code /proc/PID/status}), name and CPU time ({@code utime} and
 * {@code stime} of {@code /proc/PID/stat}), and which process listens on a TCP port
 * ({@code /proc/net/tcp} and {@code tcp6} give the listening socket's inode, a process's
 * {@code fd/} links name {@code socket:[inode]}). The root is a parameter, so a test can lay out
 * a small one.
 */
final class ProcFs {
  /** Clock ticks per second of {@code /proc/PID/stat}'s times: USER_HZ, 100 on Linux's ABI. */
  static final int TICKS_PER_SECOND = 100;
  /** The state of a listening socket in {@code /proc/net/tcp}. */
  private static final String LISTEN = "0A";

  private final Path root;

  ProcFs(Path root) {
    this.root = root;
  }

  /** One process: its pid, command name and resident memory in KiB ({@code -1} if unknown). */
  record Process(long pid, String name, long rssKib) {}

  /** The resident memory in KiB of a {@code /proc/PID/status} text, or -1 without VmRSS. */
  static long rssKib(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
        long value = Long.parseLong(parts[0]);
        String unit = parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "kb";
        return switch (unit) {
          case "kb" -> value;
          case "mb" -> value * 1024;
          default -> throw new IllegalArgumentException("unknown unit in '" + line + "'");
        };
      }
    }
    return -1;
  }

  /**
   * The CPU time, user and system, of a {@code /proc/PID/stat} text in clock ticks (fields 14
   * and 15; the name, field 2, may hold spaces and parentheses, so fields count from the last
   * {@code )}).
   */
  static long cpuTicks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]); // f[0] is field 3, the state
  }

  /** The CPU time the process {@code pid} used so far, in clock ticks; -1 once it is gone. */
  long cpuTicks(long pid) {
    try {
      return cpuTicks(Files.readString(root.resolve(Long.toString(pid)).resolve("stat")));
    } catch (IOException e) {
      return -1;
    }
  }

  /** The inodes of the sockets a {@code /proc/net/tcp} (or tcp6) text lists as listening on {@code port}. */
  static Set<Long> listeningInodes(String netTcp, int port) {
    Set<Long> inodes = new LinkedHashSet<>();
    for (String line : netTcp.split("\n")) {
      String[] f = line.trim().split("\\s+");
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
      if (f.length < 10 || !f[0].endsWith(":") || !LISTEN.equals(f[3])) {
        continue;
      }
      int colon = f[1].lastIndexOf(':');
      if (colon > 0 && Integer.parseInt(f[1].substring(colon + 1), 16) == port) {
        long inode = Long.parseLong(f[9]);
        if (inode != 0) {
          inodes.add(inode);
        }
      }
    }
    return inodes;
  }

  /** The processes (that this user may look into) listening on {@code port}, by pid. */
  Set<Long> listening(int port) throws IOException {
    Set<Long> inodes = new LinkedHashSet<>();
    for (String table : new String[] {"tcp", "tcp6"}) {
      Path file = root.resolve("net").resolve(table);
      if (Files.isReadable(file)) {
        inodes.addAll(listeningInodes(Files.readString(file), port));
      }
    }
    Set<Long> pids = new TreeSet<>();
    if (inodes.isEmpty()) {
      return pids;
    }
    Set<String> links = new LinkedHashSet<>();
    inodes.forEach(i -> links.add("socket:[" + i + "]"));
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(root, "[0-9]*")) {
      for (Path proc : procs) {
        if (holdsAny(proc.resolve("fd"), links)) {
          pids.add(Long.parseLong(proc.getFileName().toString()));
        }
      }
    }
    return pids;
  }

  private static boolean holdsAny(Path fds, Set<String> links) {
    try (DirectoryStream<Path> all = Files.newDirectoryStream(fds)) {
      for (Path fd : all) {
        try {
          if (links.contains(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException | UnsupportedOperationException gone) {
          // Closed meanwhile, or not a link.
        }
      }
    } catch (IOException notOurs) {
      // Another user's process, or it exited.
    }
    return false;
  }

  /** The process {@code pid} as it is now; an exited one has name {@code ?} and no memory. */
  Process process(long pid) {
    Path dir = root.resolve(Long.toString(pid));
    String name = "?";
    long rss = -1;
    try {
      name = Files.readString(dir.resolve("comm")).strip();
      rss = rssKib(Files.readString(dir.resolve("status")));
    } catch (IOException e) {
      // Exited, or not readable: reported as unknown.
    }
    return new Process(pid, name, rss);
  }
}
