package io.logplane.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Properties of the name rules over generated strings: any name a client sends (traversal,
 * escapes, control characters, a megabyte of it) gets kube's messages or none, never an
 * exception; the names kube accepts get none; and names past their length are refused.
 */
class NamesPropertiesTest {

  private static final List<Function<String, List<String>>> RULES = List.of(Names::isDns1123Label,
      Names::isDns1123Subdomain, Names::isDns1035Label, Names::isQualifiedName, Names::isLabelValue,
      Names::isConfigMapKey, Names::isCIdentifier, Names::isPortName, NameRules::pathSegment,
      n -> NameRules.of("", "configmaps").check(n, true), n -> NameRules.of("", "namespaces").check(n, false));

  @Property(tries = 3000)
  void anyStringIsJudged(@ForAll @StringLength(max = 300) String any) {
    RULES.forEach(r -> r.apply(any));
  }

  @Property(tries = 2000)
  void hostileNamesAreRefusedAsSubdomains(@ForAll("hostile") String name) {
    assertFalse(Names.isDns1123Subdomain(name).isEmpty(), name);
    RULES.forEach(r -> r.apply(name));
  }

  @Property(tries = 2000)
  void subdomainsKubeAcceptsPass(@ForAll("subdomains") String name) {
    assertEquals(List.of(), Names.isDns1123Subdomain(name), name);
    assertEquals(List.of(), NameRules.pathSegment(name), name);
  }

  @Property(tries = 30)
  void longNamesAnswerAndAreRefused(@ForAll @IntRange(min = 254, max = 1_000_000) int length,
      @ForAll("pieces") String piece) {
    String name = piece.repeat(length / piece.length() + 1);
    RULES.forEach(r -> r.apply(name));
    assertFalse(Names.isDns1123Subdomain(name).isEmpty());
  }

  /** A megabyte name of many labels: each label a regex group repeat, which must not overflow the stack. */
  @Test
  void aMegabyteOfLabelsIsRefused() {
    String name = "a.".repeat(500_000) + "a";
    assertEquals(Names.maxLen(253), Names.isDns1123Subdomain(name).get(0));
    assertEquals(List.of(), Names.isDns1123Subdomain("a.".repeat(126) + "a"));
    assertFalse(Names.isQualifiedName(name + "/x").isEmpty());
    assertFalse(io.logplane.api.validation.networking.FormatsAccess.wildcard("*." + name).isEmpty());
    assertEquals(List.of(), io.logplane.api.validation.networking.FormatsAccess.wildcard("*.example.com"));
  }

  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> piece = Arbitraries.of("..", ".", "/", "%2e%2e", "%2F", "%00", "\u0000", "\\", "a", "-",
        "\ufffd", "\ud800", "é", " ", "\n", "A", "~", "?", "#");
    return piece.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l))
        .filter(s -> !s.matches(Names.DNS1123_SUBDOMAIN_FMT));
  }

  @Provide
  Arbitrary<String> pieces() {
    return Arbitraries.of("a", "a.", "a-", "ab.", "-", "a.-", "aA", "a/", "..");
  }

  @Provide
  Arbitrary<String> subdomains() {
    Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
        .ofMinLength(1).ofMaxLength(20).filter(s -> !s.startsWith("-") && !s.endsWith("-"));
    return label.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l)).filter(s -> s.length() <= 253);
  }
}
