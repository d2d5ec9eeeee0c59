package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Kubernetes quantities ({@code 100m}, {@code 1Gi}) read into exact decimals, and printed back as
 * Quantity.String() prints them ({@code 0.5} as {@code 500m}, {@code 2048Mi} as {@code 2Gi}), for
 * the sums kept in a quota's status and the figures of kube's admission messages.
 */
public final class Quantities {

  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)), Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
      Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)), Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
      Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)), Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
      Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)), Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
      Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)),
      Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
      Map.entry("Gi", BigDecimal.valueOf(2).pow(30)), Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
      Map.entry("Pi", BigDecimal.valueOf(2).pow(50)), Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));
  private static final String[] DECIMAL = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private Quantities() {}

  /** An amount and whether it prints with binary suffixes, as the quantity it came from. */
  public record Amount(BigDecimal value, boolean binary) {
    public static final Amount ZERO = new Amount(BigDecimal.ZERO, false);

    public Amount plus(Amount o) {
      return new Amount(value.add(o.value), value.signum() == 0 ? o.binary : binary);
    }

    public Amount minus(Amount o) {
      return new Amount(value.subtract(o.value), value.signum() == 0 ? o.binary : binary);
    }

    public Amount max(Amount o) {
      return value.compareTo(o.value) >= 0 ? this : o;
    }

    public int compareTo(Amount o) {
      return value.compareTo(o.value);
    }

    @Override
    public String toString() {
      return format(value, binary);
    }
  }

  /** The amount of a quantity in JSON (a string or a number); zero for null or what does not parse. */
  public static Amount parse(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Amount.ZERO;
    }
    return parse(node.isTextual() ? node.textValue().strip() : node.asText());
  }

  public static Amount parse(String s) {
    int i = 0;
    while (i < s.length() && "+-0123456789.".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    try {
      BigDecimal number = new BigDecimal(s.substring(0, i));
      String suffix = s.substring(i);
      BigDecimal factor = SUFFIXES.get(suffix);
      if (factor == null && (suffix.startsWith("e") || suffix.startsWith("E"))) {
        factor = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
      }
      return factor == null ? Amount.ZERO : new Amount(number.multiply(factor), suffix.endsWith("i"));
    } catch (NumberFormatException e) {
      return Amount.ZERO;
    }
  }

  /** The quantity's text as Quantity.String() prints it. */
  public static String canonical(JsonNode node) {
    return parse(node).toString();
  }

  static String format(BigDecimal v, boolean binary) {
    if (v.signum() == 0) {
      return "0";
    }
    if (binary && v.abs().compareTo(BigDecimal.valueOf(1024)) >= 0 && v.stripTrailingZeros().scale() <= 0) {
      BigInteger n = v.toBigIntegerExact();
      for (int k = BINARY.length; k >= 1; k--) {
        BigInteger unit = BigInteger.valueOf(1024).pow(k);
        if (n.mod(unit).signum() == 0) {
          return n.divide(unit) + BINARY[k - 1];
        }
      }
    }
    for (int e = 18; e >= -9; e -= 3) {
      BigDecimal mantissa = v.scaleByPowerOfTen(-e).stripTrailingZeros();
      if (mantissa.scale() <= 0) {
        return mantissa.toPlainString() + DECIMAL[(e + 9) / 3];
      }
    }
    // Below a nanounit: rounded up to one, as Quantity does.
    return v.scaleByPowerOfTen(9).setScale(0, java.math.RoundingMode.CEILING).toPlainString() + "n";
  }
}
