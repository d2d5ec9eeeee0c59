package io.logplane.scheduler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityTest {

  @ParameterizedTest
  @CsvSource({"100m, 100, 1", "1, 1000, 1", "1.5, 1500, 2", "2e3, 2000000, 2000", "1Ki, 1024000, 1024",
      "1Gi, 1073741824000, 1073741824", "1k, 1000000, 1000", "1M, 1000000000, 1000000", "1n, 1, 1"})
  void parses(String quantity, long milli, long units) {
    assertEquals(milli, Quantity.milli(quantity));
    assertEquals(units, Quantity.units(quantity));
  }
}
