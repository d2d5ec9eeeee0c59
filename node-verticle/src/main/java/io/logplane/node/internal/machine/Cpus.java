package io.logplane.node.internal.machine;

/** The number of online cpus, from a kernel cpu list ({@code 0-3,6,8-9}) as in {@code /sys/devices/system/cpu/online}. */
final class Cpus {

  private Cpus() {}

  static int count(String list) {
    int n = 0;
    for (String part : list.trim().split(",")) {
      if (part.isEmpty()) {
        continue;
      }
      String[] range = part.split("-", 2);
      int first = Integer.parseInt(range[0]);
      n += range.length == 1 ? 1 : Integer.parseInt(range[1]) - first + 1;
    }
    if (n == 0) {
      throw new IllegalStateException("no cpu online: '" + list.trim() + "'");
    }
    return n;
  }

  static int online(HostFiles host) {
    return count(host.read("/sys/devices/system/cpu/online"));
  }
}
