package io.logplane.tests;

/** Kubernetes quantities as kubectl prints them, read back for the tests' comparisons. */
final class Quantities {
  private Quantities() {}

  /** Millicores of a cpu quantity ({@code 250m}, {@code 2}). */
  static long millicores(String q) {
    return q.endsWith("m") ? Long.parseLong(q.substring(0, q.length() - 1)) : Long.parseLong(q) * 1000;
  }

  /** Bytes of a binary-suffixed quantity ({@code 8148000Ki}, {@code 2Gi}) or a plain count. */
  static long bytes(String q) {
    String[] units = {"Ki", "Mi", "Gi", "Ti"};
    for (int i = 0; i < units.length; i++) {
      if (q.endsWith(units[i])) {
        return Long.parseLong(q.substring(0, q.length() - 2)) << (10 * (i + 1));
      }
    }
    return Long.parseLong(q);
  }
}
