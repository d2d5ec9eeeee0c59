package io.logplane.projections.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Resource quantities as milli-units, the unit the autoscaler computes in (kube's
 * {@code MilliValue()}): {@code 250m} CPU is 250, {@code 1Ki} of memory is 1,024,000.
 */
public final class Quantity {

  private static final String[] DECIMAL = {"", "k", "M", "G", "T", "P", "E"};

  private Quantity() {}

  /** The milli-value of a quantity ({@code 1.5}, {@code 250m}, {@code 64Mi}, {@code 1e3}), rounded up as kube's. */
  public static long milli(String text) {
    String s = text.trim();
    BigDecimal factor = BigDecimal.ONE;
    String[][] suffixes = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
        {"Pi", "1125899906842624"}, {"Ei", "1152921504606846976"}, {"n", "1e-9"}, {"u", "1e-6"}, {"m", "1e-3"},
        {"k", "1e3"}, {"M", "1e6"}, {"G", "1e9"}, {"T", "1e12"}, {"P", "1e15"}, {"E", "1e18"}};
    for (String[] suffix : suffixes) {
      if (s.endsWith(suffix[0])) {
        s = s.substring(0, s.length() - suffix[0].length());
        factor = new BigDecimal(suffix[1]);
        break;
      }
    }
    try {
      return new BigDecimal(s).multiply(factor).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': " + text, e);
    }
  }

  /** A milli-value in kube's canonical decimal form ({@code 250m}, {@code 2}, {@code 100M}). */
  public static String ofMilli(long milli) {
    if (milli % 1000 != 0) {
      return milli + "m";
    }
    long v = milli / 1000;
    int i = 0;
    while (v != 0 && v % 1000 == 0 && i < DECIMAL.length - 1) {
      v /= 1000;
      i++;
    }
    return v + DECIMAL[i];
  }
}
