package io.logplane.projections.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

/** Quantities read and printed back as apimachinery's Quantity.String() prints them. */
class QuantitiesTest {

  @Test
  void sumsPrintInTheFormOfTheQuantitiesAdded() {
    assertEquals("750m", Quantities.parse("500m").plus(Quantities.parse("250m")).toString());
    assertEquals("1", Quantities.parse("500m").plus(Quantities.parse("0.5")).toString());
    assertEquals("192Mi", Quantities.parse("64Mi").plus(Quantities.parse("128Mi")).toString());
    assertEquals("1Gi", Quantities.parse("512Mi").plus(Quantities.parse("512Mi")).toString());
    assertEquals("2k", Quantities.parse("2000").toString());
    assertEquals("1500", Quantities.parse("1500").toString());
    assertEquals("1G", Quantities.parse("1G").toString());
    assertEquals("0", Quantities.parse("64Mi").minus(Quantities.parse("64Mi")).toString());
    assertEquals("3", Quantities.parse(IntNode.valueOf(3)).toString());
    assertEquals("1500m", Quantities.parse("1.5").toString());
  }
}
