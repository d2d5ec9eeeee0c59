package io.logplane.node.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cases of Kubernetes' expansion tests, on the same variables. */
class ExpansionTest {

  private static final Map<String, String> VARS = Map.of("VAR_A", "A", "VAR_B", "B", "VAR_C", "C",
      "VAR_REF", "$(VAR_A)", "VAR_EMPTY", "");

  private static String expand(String s) {
    return Expansion.expand(s, Expansion.mapping(VARS));
  }

  @Test
  void referencesAreReplacedAndTheirValuesAreNotExpandedAgain() {
    assertEquals("A", expand("$(VAR_A)"));
    assertEquals("___A___", expand("___$(VAR_A)___"));
    assertEquals("A-B-C", expand("$(VAR_A)-$(VAR_B)-$(VAR_C)"));
    assertEquals("$(VAR_A)", expand("$(VAR_REF)"));
    assertEquals("", expand("$(VAR_EMPTY)"));
  }

  @Test
  void undefinedAndMalformedReferencesStayAsWritten() {
    assertEquals("$(VAR_DNE)", expand("$(VAR_DNE)"));
    assertEquals("$(VAR_A", expand("$(VAR_A"));
    assertEquals("$VAR_A", expand("$VAR_A"));
    assertEquals("foo$", expand("foo$"));
    assertEquals("$()", expand("$()"));
    assertEquals("${VAR_A}", expand("${VAR_A}"));
  }

  @Test
  void aDoubledDollarEscapes() {
    assertEquals("$(VAR_A)", expand("$$(VAR_A)"));
    assertEquals("$A", expand("$$$(VAR_A)"));
    assertEquals("$$(VAR_A)", expand("$$$$(VAR_A)"));
    assertEquals("f00$$", expand("f00$$$$"));
  }
}
