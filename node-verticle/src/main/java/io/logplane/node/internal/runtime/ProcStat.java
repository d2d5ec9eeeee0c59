package io.logplane.node.internal.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process as {@code /proc/PID/stat} shows it: whether the process of a pid is still the one
 * started at a given time (the pid is not reused) and has not ended (a zombie or dead process
 * has).
 */
final class ProcStat {

  private ProcStat() {}

  /**
   * True when process {@code pid} runs and was started at {@code startTicks} (field 22 of its
   * stat, in clock ticks since boot), as runc records its container's init.
   */
  static boolean alive(long pid, long startTicks) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException gone) {
      return false;
    }
    return alive(stat, startTicks);
  }

  /** The same, of a stat line already read. */
  static boolean alive(String stat, long startTicks) {
    // the command in parentheses may hold spaces and parentheses: fields follow the last ')'
    int close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 > stat.length()) {
      return false;
    }
    String[] fields = stat.substring(close + 2).split(" ");
    // fields[0] is field 3 (state); field 22 (starttime) is fields[19]
    if (fields.length < 20) {
      return false;
    }
    char state = fields[0].isEmpty() ? '?' : fields[0].charAt(0);
    if (state == 'Z' || state == 'X' || state == 'x') {
      return false;
    }
    return startTicks < 0 || Long.parseLong(fields[19]) == startTicks;
  }
}
