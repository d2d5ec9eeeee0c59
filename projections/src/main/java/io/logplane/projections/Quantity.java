package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * A Kubernetes resource quantity ({@code 100m}, {@code 1.5Gi}, {@code 2e3}) as apimachinery's
 * {@code resource.Quantity}: read as {@code ParseQuantity} reads it (exactly, with its error
 * messages), added and compared exactly, and printed as {@code Quantity.String()} prints it in
 * the format it was written in ({@code 0.5} is {@code 500m}, {@code 2048Mi} is {@code 2Gi}).
 * The one quantity parser of the API's validation, the state machine's quotas and limit ranges,
 * the controllers and the scheduler.
 *
 * @param value  the exact amount in units (cores, bytes, a count)
 * @param format how it prints: the suffixes it was written with
 */
public record Quantity(BigDecimal value, Format format) implements Comparable<Quantity> {

  /** apimachinery's Format: the suffix family a quantity prints with. */
  public enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

  /** Zero, printed {@code 0}. */
  public static final Quantity ZERO = new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI);
  /** ParseQuantity's ErrFormatWrong. */
  public static final String FORMAT_WRONG =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  /** ParseQuantity's ErrSuffix. */
  public static final String BAD_SUFFIX = "unable to parse quantity's suffix";
  /** ParseQuantity's ErrNumeric: here for a number of more digits than {@link #MAX_DIGITS}. */
  public static final String NUMERIC = "unable to parse quantity's numeric part";
  /**
   * The most digits a quantity's number may have, as many as a JSON number may (Jackson's
   * limit): reading and printing a number costs the square of its digits, and a body of a
   * hundred thousand zeros held a thread for seconds, a million for minutes.
   */
  public static final int MAX_DIGITS = 1000;

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
  private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final Map<Integer, String> DECIMAL =
      Map.of(-9, "n", -6, "u", -3, "m", 0, "", 3, "k", 6, "M", 9, "G", 12, "T", 15, "P", 18, "E");

  /** A plain decimal amount (a count, a sum of counts). */
  public static Quantity of(BigDecimal value) {
    return new Quantity(value, Format.DECIMAL_SI);
  }

  /** The quantity a text is, or empty when ParseQuantity refuses it. */
  public static Optional<Quantity> parse(String text) {
    Parsed p = read(text);
    return p.error == null ? Optional.of(p.quantity) : Optional.empty();
  }

  /**
   * The quantity as it stands in JSON: a string, or a bare number (the decoder reads its text);
   * null or absent is zero; empty when it is no quantity.
   */
  public static Optional<Quantity> parse(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() ? Optional.of(ZERO) : parse(text(value));
  }

  /** The quantity in JSON, zero for null, absent or what is no quantity (what a sum skips). */
  public static Quantity of(JsonNode value) {
    return parse(value).orElse(ZERO);
  }

  /** The decoder's message for a text that is no quantity, or empty when it is one. */
  public static Optional<String> error(String text) {
    return Optional.ofNullable(read(text).error);
  }

  /** As {@link #error(String)}, for a quantity in JSON (null is zero, a quantity). */
  public static Optional<String> error(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() ? Optional.empty() : error(text(value));
  }

  /** A text as Quantity.String() writes it, the form kube's messages show; the text itself when it is none. */
  public static String canonical(String text) {
    return parse(text).map(Quantity::toString).orElse(text);
  }

  /** As {@link #canonical(String)}, for a quantity in JSON. */
  public static String canonical(JsonNode value) {
    return canonical(text(value));
  }

  /**
   * The thousandths of a quantity, rounded up as kube's {@code MilliValue()} (millicores of cpu).
   *
   * @throws NumberFormatException when the text is no quantity
   */
  public static long milli(String text) {
    return required(text).milliValue();
  }

  /**
   * The units of a quantity, rounded up as kube's {@code Value()} (bytes of memory, a count).
   *
   * @throws NumberFormatException when the text is no quantity
   */
  public static long units(String text) {
    return required(text).unitValue();
  }

  /** A number of thousandths as kube prints it ({@code 250m}, {@code 2}, {@code 100M}). */
  public static String ofMilli(long milli) {
    return of(BigDecimal.valueOf(milli, 3)).toString();
  }

  /** The thousandths of this quantity, rounded up. */
  public long milliValue() {
    return longCeiling(3);
  }

  /** The units of this quantity, rounded up. */
  public long unitValue() {
    return longCeiling(0);
  }

  /**
   * Rounded up to a long after a shift of the decimal point, an amount past the long range
   * saturating at its end: a valid quantity may have any exponent ({@code 1e999999999}), whose
   * digits are never to be written out.
   */
  private long longCeiling(int shift) {
    if (value.abs().compareTo(HUGE) > 0) {
      return value.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    if (value.signum() != 0 && value.precision() - value.scale() < -shift - 1) {
      return value.signum() > 0 ? 1 : 0; // below a tenth after the shift: no digits to write out either
    }
    BigInteger c = value.scaleByPowerOfTen(shift).setScale(0, RoundingMode.CEILING).toBigInteger();
    return c.bitLength() < 64 ? c.longValue() : c.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
  }

  private static final BigDecimal HUGE = BigDecimal.ONE.scaleByPowerOfTen(30);
  /**
   * Sums round past a thousand digits: exact for any quantity one writes, and two quantities a
   * billion powers of ten apart add without writing out the zeros between them.
   */
  private static final MathContext SUM = new MathContext(1000, RoundingMode.HALF_EVEN);
  private static final BigDecimal NANO = BigDecimal.ONE.scaleByPowerOfTen(-9);

  /** The sum; zero takes the other's format, as Quantity.Add. */
  public Quantity plus(Quantity o) {
    return new Quantity(value.add(o.value, SUM), value.signum() == 0 ? o.format : format);
  }

  /** The difference; zero takes the other's format, as Quantity.Sub. */
  public Quantity minus(Quantity o) {
    return new Quantity(value.subtract(o.value, SUM), value.signum() == 0 ? o.format : format);
  }

  /** The larger of the two (this one when equal). */
  public Quantity max(Quantity o) {
    return compareTo(o) >= 0 ? this : o;
  }

  /** True for a positive amount. */
  public boolean isPositive() {
    return value.signum() > 0;
  }

  @Override
  public int compareTo(Quantity o) {
    return value.compareTo(o.value);
  }

  /** Quantity.String(): the canonical text in this quantity's format. */
  @Override
  public String toString() {
    if (format == Format.BINARY_SI && value.abs().compareTo(BigDecimal.valueOf(1024)) >= 0
        && value.stripTrailingZeros().scale() <= 0) {
      BigInteger n = value.toBigIntegerExact();
      BigInteger k = BigInteger.valueOf(1024);
      int i = 0;
      while (i < BINARY.length - 1 && n.signum() != 0 && n.mod(k).signum() == 0) {
        n = n.divide(k);
        i++;
      }
      return n + BINARY[i];
    }
    if (value.signum() == 0) {
      return "0";
    }
    // below a nano-unit a quantity rounds away from zero, as Quantity does; the amount stays
    // a mantissa and an exponent (1e999999999 is a valid quantity, a billion digits written out)
    BigDecimal rounded = value.stripTrailingZeros();
    if (rounded.precision() - rounded.scale() < -8) {
      rounded = value.signum() < 0 ? NANO.negate() : NANO;
    } else if (rounded.scale() > 9) {
      rounded = rounded.setScale(9, RoundingMode.UP).stripTrailingZeros();
    }
    boolean exponent = format == Format.DECIMAL_EXPONENT;
    BigInteger m = rounded.unscaledValue();
    int e = -rounded.scale();
    int toThree = Math.floorMod(e, 3);
    m = m.multiply(BigInteger.TEN.pow(toThree));
    e -= toThree;
    if (!exponent && e > 18) {
      m = m.multiply(BigInteger.TEN.pow(e - 18)); // past E, decimal SI writes the digits
      e = 18;
    }
    BigInteger thousand = BigInteger.valueOf(1000);
    while (m.mod(thousand).signum() == 0 && (exponent || e < 18)) {
      m = m.divide(thousand);
      e += 3;
    }
    if (exponent) {
      return e == 0 ? m.toString() : m + "e" + e;
    }
    return m + DECIMAL.get(e);
  }

  private static Quantity required(String text) {
    Parsed p = read(text == null ? null : text.strip());
    if (p.error != null) {
      throw new NumberFormatException(p.error + ": " + text);
    }
    return p.quantity;
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.textValue().strip() : value.toString();
  }

  private record Parsed(Quantity quantity, String error) {}

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
    if (num.length() + denom.length() > MAX_DIGITS) {
      return new Parsed(null, NUMERIC);
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
    String suffix = s.substring(suffixStart);
    BigDecimal multiplier = multiplier(suffix);
    if (multiplier == null) {
      return new Parsed(null, BAD_SUFFIX);
    }
    BigDecimal amount;
    try {
      amount = new BigDecimal((num.isEmpty() ? "0" : num) + (denom.isEmpty() ? "" : "." + denom))
          .multiply(multiplier);
    } catch (ArithmeticException e) {
      return new Parsed(null, BAD_SUFFIX); // an exponent at the end of int's range, past it with the decimals
    }
    Format format = suffix.endsWith("i") ? Format.BINARY_SI
        : suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') ? Format.DECIMAL_EXPONENT
        : Format.DECIMAL_SI;
    return new Parsed(new Quantity(negative ? amount.negate() : amount, format), null);
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
