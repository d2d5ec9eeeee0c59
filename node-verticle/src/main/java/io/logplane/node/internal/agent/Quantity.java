package io.logplane.node.internal.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Kubernetes resource quantities ({@code 100m}, {@code 1.5Gi}, {@code 2e3}) as longs, rounded up
 * as kube's {@code MilliValue()} and {@code Value()} do.
 */
public final class Quantity {

  private Quantity() {}

  /** The quantity in thousandths (millicores for cpu). */
  public static long milli(String q) {
    return value(q).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The quantity in units (bytes for memory). */
  public static long units(String q) {
    return value(q).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  private static BigDecimal value(String q) {
    String s = q.trim();
    int i = s.length();
    while (i > 0 && Character.isLetter(s.charAt(i - 1))) {
      i--;
    }
    String suffix = s.substring(i);
    BigDecimal v = new BigDecimal(s.substring(0, i));
    return switch (suffix) {
      case "" -> v;
      case "n" -> v.movePointLeft(9);
      case "u" -> v.movePointLeft(6);
      case "m" -> v.movePointLeft(3);
      case "k" -> v.movePointRight(3);
      case "M" -> v.movePointRight(6);
      case "G" -> v.movePointRight(9);
      case "T" -> v.movePointRight(12);
      case "P" -> v.movePointRight(15);
      case "E" -> v.movePointRight(18);
      case "Ki" -> v.multiply(BigDecimal.valueOf(1L << 10));
      case "Mi" -> v.multiply(BigDecimal.valueOf(1L << 20));
      case "Gi" -> v.multiply(BigDecimal.valueOf(1L << 30));
      case "Ti" -> v.multiply(BigDecimal.valueOf(1L << 40));
      case "Pi" -> v.multiply(BigDecimal.valueOf(1L << 50));
      case "Ei" -> v.multiply(BigDecimal.valueOf(1L << 60));
      default -> throw new NumberFormatException("not a quantity: " + q);
    };
  }
}
