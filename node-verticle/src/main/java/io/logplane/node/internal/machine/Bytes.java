package io.logplane.node.internal.machine;

/**
 * A byte count as kube's {@code resource.NewQuantity(n, BinarySI)} prints it: the largest binary
 * suffix that divides it ({@code 24683548Ki}, {@code 100Mi}), a plain number when none does, and
 * under 1024 the decimal form ({@code 0}, {@code 512}, {@code 1k}).
 */
final class Bytes {
  private static final String[] SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private Bytes() {}

  static String quantity(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a negative byte count: " + bytes);
    }
    if (bytes < 1024) {
      return bytes != 0 && bytes % 1000 == 0 ? bytes / 1000 + "k" : Long.toString(bytes);
    }
    long n = bytes;
    int e = 0;
    while (e < SUFFIXES.length - 1 && n % 1024 == 0) {
      n /= 1024;
      e++;
    }
    return n + SUFFIXES[e];
  }
}
