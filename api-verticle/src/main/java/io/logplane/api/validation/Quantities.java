package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes quantities ({@code 100m}, {@code 1Gi}, {@code 2e3}) read as apimachinery's
 * ParseQuantity reads them. A value it refuses fails decoding there (a 400 before any validation),
 * so {@link #error} gives that decoder's message.
 */
public final class Quantities {

  /** ParseQuantity's ErrFormatWrong. */
  public static final String FORMAT_WRONG =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  /** ParseQuantity's ErrSuffix. */
  public static final String BAD_SUFFIX = "unable to parse quantity's suffix";

  private static final String SUFFIX_CHARS = "eEinumkKMGTP";
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

  private Quantities() {}

  /** The value of a quantity, or empty when ParseQuantity refuses it. */
  public static Optional<BigDecimal> parse(String s) {
    Parsed p = read(s);
    return p.error == null ? Optional.of(p.value) : Optional.empty();
  }

  /** The decoder's message for a quantity it refuses, or empty when it is a quantity. */
  public static Optional<String> error(String s) {
    return Optional.ofNullable(read(s).error);
  }

  /**
   * A quantity as it stands in JSON: a string, or a bare number (the decoder reads its text);
   * null is zero.
   */
  public static Optional<String> error(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    return error(value.isTextual() ? value.textValue().strip() : value.toString());
  }

  /** The value of a quantity in JSON, or empty when it is none. */
  public static Optional<BigDecimal> parse(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.of(BigDecimal.ZERO);
    }
    return parse(value.isTextual() ? value.textValue().strip() : value.toString());
  }

  /**
   * A quantity written as Quantity.String() writes it, the form kube-apiserver's messages show
   * ({@code 0.5} is {@code 500m}, {@code 1024Mi} is {@code 1Gi}); the text itself when it is none.
   */
  public static String canonical(String s) {
    Optional<BigDecimal> parsed = parse(s);
    if (parsed.isEmpty()) {
      return s;
    }
    BigDecimal v = parsed.get();
    String suffix = s.replaceFirst("^[+-]?[0-9.]*", "");
    boolean binary = suffix.endsWith("i");
    boolean exponent = suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E');
    if (binary && v.abs().compareTo(BigDecimal.valueOf(1024)) >= 0 && v.stripTrailingZeros().scale() <= 0) {
      java.math.BigInteger n = v.toBigIntegerExact();
      java.math.BigInteger k = java.math.BigInteger.valueOf(1024);
      String[] names = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
      int i = 0;
      while (i < names.length - 1 && n.signum() != 0 && n.mod(k).signum() == 0) {
        n = n.divide(k);
        i++;
      }
      return n + names[i];
    }
    BigDecimal rounded = v.setScale(9, v.signum() < 0 ? java.math.RoundingMode.FLOOR : java.math.RoundingMode.CEILING)
        .stripTrailingZeros();
    if (rounded.signum() == 0) {
      return "0";
    }
    int e = rounded.scale() > 0 ? -3 * ((rounded.scale() + 2) / 3) : 0;
    java.math.BigInteger m = rounded.scaleByPowerOfTen(-e).toBigIntegerExact();
    java.math.BigInteger thousand = java.math.BigInteger.valueOf(1000);
    while (m.mod(thousand).signum() == 0 && (exponent || e < 18)) {
      m = m.divide(thousand);
      e += 3;
    }
    if (exponent) {
      return e == 0 ? m.toString() : m + "e" + e;
    }
    return m + Map.of(-9, "n", -6, "u", -3, "m", 0, "", 3, "k", 6, "M", 9, "G", 12, "T", 15, "P", 18, "E").get(e);
  }

  private record Parsed(BigDecimal value, String error) {}

  private static Parsed read(String s) {
    if (s == null || s.isEmpty()) {
      return new Parsed(null, FORMAT_WRONG);
    }
    int end = s.length();
    int pos = 0;
    boolean negative = false;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      negative = s.charAt(0) == '-';
      pos++;
    }
    int numStart = pos;
    while (pos < end && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    String num = s.substring(numStart, pos);
    String denom = "";
    if (pos < end && s.charAt(pos) == '.') {
      int d = ++pos;
      while (pos < end && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
        pos++;
      }
      denom = s.substring(d, pos);
    }
    int suffixStart = pos;
    while (pos < end && SUFFIX_CHARS.indexOf(s.charAt(pos)) >= 0) {
      pos++;
    }
    if (pos < end && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
      pos++;
    }
    while (pos < end && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    if (pos < end) {
      return new Parsed(null, FORMAT_WRONG);
    }
    BigDecimal multiplier = multiplier(s.substring(suffixStart));
    if (multiplier == null) {
      return new Parsed(null, BAD_SUFFIX);
    }
    BigDecimal amount = new BigDecimal((num.isEmpty() ? "0" : num) + (denom.isEmpty() ? "" : "." + denom));
    amount = amount.multiply(multiplier);
    return new Parsed(negative ? amount.negate() : amount, null);
  }

  private static BigDecimal multiplier(String suffix) {
    BigDecimal m = SUFFIXES.get(suffix);
    if (m != null) {
      return m;
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      try {
        return BigDecimal.ONE.scaleByPowerOfTen(Math.toIntExact(Long.parseLong(suffix.substring(1))));
      } catch (NumberFormatException | ArithmeticException e) {
        return null;
      }
    }
    return null;
  }
}
