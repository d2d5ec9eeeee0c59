package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantities read as apimachinery's ParseQuantity reads them and printed as Quantity.String() prints them. */
class QuantityTest {

  @Test
  void readsExactlyWhatParseQuantityReads() {
    assertEquals(0, new BigDecimal("0.5").compareTo(Quantity.parse("500m").orElseThrow().value()));
    assertEquals(0, new BigDecimal(1L << 30).compareTo(Quantity.parse("1Gi").orElseThrow().value()));
    assertEquals(0, new BigDecimal(2000).compareTo(Quantity.parse("2e3").orElseThrow().value()));
    assertEquals(0, new BigDecimal(-3).compareTo(Quantity.parse(IntNode.valueOf(-3)).orElseThrow().value()));
    assertEquals(Optional.of(Quantity.ZERO), Quantity.parse((com.fasterxml.jackson.databind.JsonNode) null));
    assertEquals(Optional.empty(), Quantity.parse("abc"));
    assertEquals(Optional.of(Quantity.FORMAT_WRONG), Quantity.error("1Gb"));
    assertEquals(Optional.of(Quantity.BAD_SUFFIX), Quantity.error("1iK"));
    assertEquals(Optional.of(Quantity.FORMAT_WRONG), Quantity.error(TextNode.valueOf("")));
    assertEquals(Optional.empty(), Quantity.error(TextNode.valueOf(" 64Mi ")));
    assertEquals(Quantity.ZERO, Quantity.of(TextNode.valueOf("lots")), "what a sum skips");
  }

  @Test
  void printsAsQuantityStringInTheFormatItWasWrittenIn() {
    assertEquals(List.of("500m", "1Gi", "1536", "2k", "1500m", "1", "0", "2e3", "1500", "1G", "3"),
        List.of("0.5", "1024Mi", "1536", "2000", "1.5", "1000m", "0", "2e3", "1500", "1G", "3").stream()
            .map(Quantity::canonical).toList());
    assertEquals("not a quantity", Quantity.canonical("not a quantity"));
    assertEquals("1n", Quantity.canonical("0.0000000001"), "below a nano-unit rounds up");
  }

  @Test
  void sumsKeepTheFormatOfTheQuantitiesAdded() {
    assertEquals("750m", q("500m").plus(q("250m")).toString());
    assertEquals("1", q("500m").plus(q("0.5")).toString());
    assertEquals("192Mi", q("64Mi").plus(q("128Mi")).toString());
    assertEquals("1Gi", q("512Mi").plus(q("512Mi")).toString());
    assertEquals("1Gi", Quantity.ZERO.plus(q("1Gi")).toString(), "zero takes the other's format");
    assertEquals("0", q("64Mi").minus(q("64Mi")).toString());
    assertEquals("2Gi", q("1Gi").max(q("2Gi")).toString());
  }

  /** What the scheduler reads: cpu in thousandths, the rest in units, both rounded up. */
  @ParameterizedTest
  @CsvSource({"100m, 100, 1", "1, 1000, 1", "1.5, 1500, 2", "2e3, 2000000, 2000", "1Ki, 1024000, 1024",
      "1Gi, 1073741824000, 1073741824", "1k, 1000000, 1000", "1M, 1000000000, 1000000", "1n, 1, 1",
      "100u, 1, 1", "64Mi, 67108864000, 67108864"})
  void milliAndUnitValuesRoundUp(String quantity, long milli, long units) {
    assertEquals(milli, Quantity.milli(quantity));
    assertEquals(units, Quantity.units(quantity));
  }

  @Test
  void milliValuesPrintAsKubePrintsThem() {
    assertEquals("250m", Quantity.ofMilli(250));
    assertEquals("2", Quantity.ofMilli(2000));
    assertEquals("100M", Quantity.ofMilli(100_000_000_000L));
    assertEquals("104857600", Quantity.ofMilli(104_857_600_000L));
    NumberFormatException e = assertThrows(NumberFormatException.class, () -> Quantity.milli("x"));
    assertEquals(Quantity.FORMAT_WRONG + ": x", e.getMessage());
    assertThrows(NumberFormatException.class, () -> Quantity.units("1Gb"));
  }

  private static Quantity q(String text) {
    return Quantity.parse(text).orElseThrow();
  }
}
