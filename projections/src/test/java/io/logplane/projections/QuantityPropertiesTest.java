package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link Quantity} over generated text: whatever a client writes where a quantity
 * goes is read or refused with ParseQuantity's message, never an exception and never a hang; and
 * a quantity's canonical form reads back as the same amount.
 */
class QuantityPropertiesTest {

  @Property(tries = 5000)
  void anyTextIsReadOrRefused(@ForAll @StringLength(max = 40) String any) {
    everyUseAnswers(any);
  }

  @Property(tries = 5000)
  void anyQuantityShapedTextIsReadOrRefused(@ForAll("quantityish") String text) {
    everyUseAnswers(text);
  }

  @Property(tries = 5000)
  void canonicalFormReadsBackAsTheSameAmount(@ForAll("quantities") String text) {
    Quantity q = Quantity.parse(text).orElseThrow(() -> new AssertionError("refused " + text));
    Quantity again = Quantity.parse(q.toString()).orElseThrow(() -> new AssertionError(q + " of " + text));
    assertEquals(0, toNano(q.value()).compareTo(again.value()), text + " printed " + q);
    // Not q's own text: kube prints a binary amount that is no whole number of its unit
    // (93.75Ki) as plain digits (96000), which read back as a decimal amount and print as 96k.
    Quantity third = Quantity.parse(again.toString()).orElseThrow();
    assertEquals(again.toString(), third.toString(), "the canonical form's canonical form is a fixed point: " + text);
  }

  @Test
  void aBinaryAmountThatIsNoWholeUnitPrintsAsKubePrintsIt() {
    assertEquals("96000", Quantity.canonical("93.75Ki"));
    assertEquals("96k", Quantity.canonical("96000"));
    assertEquals("1536", Quantity.canonical("1.5Ki"));
  }

  /**
   * Found by the properties: an exponent far from zero made the canonical form, MilliValue and
   * Value write out every digit (a billion zeros: the request never answered), and an exponent
   * beyond int range escaped as an ArithmeticException.
   */
  @Test
  void farExponentsAnswerAtOnce() {
    assertEquals("1e999999999", Quantity.canonical("1e999999999"));
    assertEquals("1e-9", Quantity.canonical("1e-999999999"), "a nano-unit in the format it was written in");
    assertEquals("-1n", Quantity.canonical("-0.0000000000001"));
    assertEquals(Long.MAX_VALUE, Quantity.parse("1e999999999").orElseThrow().milliValue());
    assertEquals(Long.MIN_VALUE, Quantity.parse("-1e999999999").orElseThrow().unitValue());
    assertEquals(1, Quantity.parse("1e-999999999").orElseThrow().milliValue());
    assertEquals(Long.MAX_VALUE, Quantity.milli("1e400"));
    assertEquals(Optional.of(Quantity.BAD_SUFFIX), Quantity.error("0.05e-2147483647"));
    assertEquals(Optional.of(Quantity.BAD_SUFFIX), Quantity.error("5e2147483648"));
    assertEquals(Long.MAX_VALUE, Quantity.parse("1e2147483647").orElseThrow().milliValue());
    Quantity far = Quantity.parse("1e999999999").orElseThrow();
    assertEquals("1e999999999", far.plus(Quantity.parse("1n").orElseThrow()).toString(), "a sum of a quota");
    assertEquals("100e18", Quantity.canonical("100e18"));
    assertEquals("1E", Quantity.canonical("1E"));
    assertEquals("123456789012345678901234567890", Quantity.canonical("123456789012345678901234567890"));
  }

  /** The amount rounded away from zero to a whole nano-unit, as Quantity keeps it. */
  private static BigDecimal toNano(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    if (s.signum() != 0 && s.precision() - s.scale() < -8) {
      return BigDecimal.ONE.scaleByPowerOfTen(-9).multiply(BigDecimal.valueOf(s.signum()));
    }
    return s.scale() > 9 ? s.setScale(9, java.math.RoundingMode.UP) : s;
  }

  /** Found by timing a megabyte body: a number of a million digits took minutes to read and print. */
  @Test
  void numbersPastAThousandDigitsAreRefused() {
    assertEquals(Optional.of(Quantity.NUMERIC), Quantity.error("1" + "0".repeat(1_000_000)));
    assertEquals(Optional.of(Quantity.NUMERIC), Quantity.error("0." + "1".repeat(1000) + "Gi"));
    assertEquals(Optional.empty(), Quantity.error("9".repeat(1000)));
    assertEquals("1" + "0".repeat(981) + "E", Quantity.canonical("1" + "0".repeat(999)), "decimal SI ends at E");
  }

  private static void everyUseAnswers(String text) {
    Optional<Quantity> q = Quantity.parse(text);
    Optional<String> error = Quantity.error(text);
    assertEquals(q.isEmpty(), error.isPresent(), text);
    error.ifPresent(e -> assertTrue(List.of(Quantity.FORMAT_WRONG, Quantity.BAD_SUFFIX, Quantity.NUMERIC)
        .contains(e), e));
    String canonical = Quantity.canonical(text);
    q.ifPresent(quantity -> {
      assertEquals(canonical, quantity.toString());
      quantity.milliValue();
      quantity.unitValue();
      quantity.plus(quantity).compareTo(quantity.minus(quantity));
    });
  }

  @Provide
  Arbitrary<String> quantityish() {
    Arbitrary<String> piece = Arbitraries.of("", "+", "-", "0", "1", "9", ".", "..", "e", "E", "i", "Ki", "Mi",
        "Ei", "m", "n", "u", "k", "M", "G", "T", "P", "e-", "e+", "999999999", "2147483647", "2147483648",
        "99999999999999999999", " ", "\u0000", "é");
    return piece.list().ofMaxSize(8).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> quantities() {
    Arbitrary<String> sign = Arbitraries.of("", "+", "-");
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
    Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMaxLength(9).map(f -> f.isEmpty() ? "" : "." + f);
    Arbitrary<String> suffix = Arbitraries.oneOf(
        Arbitraries.of("", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"),
        Arbitraries.integers().between(-40, 40).map(e -> "e" + e),
        Arbitraries.integers().between(-999999999, 999999999).map(e -> "E" + e));
    return Combinators.combine(sign, digits, fraction, suffix).as((s, d, f, x) -> s + d + f + x);
  }
}
