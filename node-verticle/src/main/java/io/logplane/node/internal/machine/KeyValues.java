package io.logplane.node.internal.machine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code key value} lines of kernel files ({@code memory.stat}, {@code cpu.stat}) and the
 * {@code Key: value kB} lines of {@code /proc/meminfo}, as longs; {@code kB} is taken as KiB as
 * the kernel means it. Lines that do not hold a number are skipped.
 */
final class KeyValues {

  private KeyValues() {}

  static Map<String, Long> parse(String text) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("[:\\s]+");
      if (f.length < 2) {
        continue;
      }
      try {
        long v = Long.parseLong(f[1]);
        out.put(f[0], f.length > 2 && f[2].equals("kB") ? v * 1024 : v);
      } catch (NumberFormatException e) {
        // a line of another shape (a header, a nested list): not a figure
      }
    }
    return out;
  }

  /** The value of {@code key}; its absence means the file is not what it should be. */
  static long get(Map<String, Long> values, String key, String file) {
    Long v = values.get(key);
    if (v == null) {
      throw new IllegalStateException(file + " has no " + key);
    }
    return v;
  }
}
