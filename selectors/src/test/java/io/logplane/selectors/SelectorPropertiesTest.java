package io.logplane.selectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Properties of the selector parsers over generated input: any string a client may send in
 * {@code labelSelector} or {@code fieldSelector} is either a selector or a {@link SelectorException}
 * (the API's 400), never another exception; and a selector's string form parses back to the
 * same selector, which is what lets the server hand it on (in a continue token, to a watch).
 */
class SelectorPropertiesTest {

  @Property(tries = 3000)
  void anyLabelSelectorStringParsesOrIsRefused(@ForAll @StringLength(max = 80) String any) {
    refusedOnlyAsBadInput(() -> LabelSelector.parse(any));
  }

  @Property(tries = 3000)
  void anySelectorShapedStringParsesOrIsRefused(@ForAll("selectorish") String text) {
    refusedOnlyAsBadInput(() -> LabelSelector.parse(text));
    refusedOnlyAsBadInput(() -> FieldSelector.parse("Pod", text));
    refusedOnlyAsBadInput(() -> FieldSelector.parse("events.k8s.io", "Event", text));
  }

  @Property(tries = 2000)
  void anyFieldSelectorStringParsesOrIsRefused(@ForAll @StringLength(max = 80) String any) {
    refusedOnlyAsBadInput(() -> FieldSelector.parse("Pod", any));
  }

  @Property(tries = 2000)
  void labelSelectorStringFormParsesBackEqual(@ForAll("labelSelectors") String written) {
    LabelSelector s = LabelSelector.parse(written);
    LabelSelector again = LabelSelector.parse(s.toString());
    assertEquals(s.requirements(), again.requirements(), written);
    assertEquals(s.toString(), again.toString());
  }

  @Property(tries = 2000)
  void fieldSelectorStringFormParsesBackEqual(@ForAll("fieldSelectors") String written) {
    FieldSelector s = FieldSelector.parse("Pod", written);
    FieldSelector again = FieldSelector.parse("Pod", s.toString());
    // kube sorts the raw terms before parsing, so the printed form may order them otherwise
    assertEquals(new HashSet<>(s.terms()), new HashSet<>(again.terms()), written + " printed " + s);
  }

  /** Found by the round trip: a value with an escaped comma printed unescaped, so it parsed back as two terms. */
  @Test
  void escapedValuePrintsEscaped() {
    FieldSelector s = FieldSelector.parse("Pod", "metadata.name=a\\,b\\=c\\\\d");
    assertEquals("a,b=c\\d", s.terms().get(0).value());
    assertEquals("metadata.name=a\\,b\\=c\\\\d", s.toString());
    assertEquals(s.terms(), FieldSelector.parse("Pod", s.toString()).terms());
  }

  private static void refusedOnlyAsBadInput(Runnable parse) {
    try {
      parse.run();
    } catch (SelectorException e) {
      assertEquals(400, e.code());
    }
  }

  @Provide
  Arbitrary<String> selectorish() {
    Arbitrary<String> token = Arbitraries.of("a", "b/c", "x.io/k", "in", "notin", "(", ")", ",", "=", "==", "!=",
        "!", "<", ">", " ", "  ", "1", "-1", "99999999999999999999", "\\", "\\,", "metadata.name", "spec.nodeName",
        "status.phase", "\u0000", "é", "%", "a".repeat(70), "");
    return token.list().ofMaxSize(12).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> labelSelectors() {
    return requirement().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(",", l));
  }

  private static Arbitrary<String> requirement() {
    Arbitrary<String> key = Combinators.combine(dnsSubdomain().injectNull(0.5), name()).as(
        (prefix, n) -> prefix == null ? n : prefix + "/" + n);
    Arbitrary<String> value = Arbitraries.oneOf(name(), Arbitraries.just(""));
    Arbitrary<List<String>> values = name().list().ofMinSize(1).ofMaxSize(3);
    // kube validates a Gt/Lt bound as a label value too: a non-negative integer
    Arbitrary<String> integer = Arbitraries.longs().greaterOrEqual(0).map(String::valueOf);
    return Arbitraries.oneOf(
        Combinators.combine(key, Arbitraries.of("=", "==", "!="), value).as((k, op, v) -> k + op + v),
        Combinators.combine(key, Arbitraries.of(" in ", " notin "), values).as(
            (k, op, vs) -> k + op + "(" + String.join(",", vs) + ")"),
        Combinators.combine(key, Arbitraries.of(">", "<"), integer).as((k, op, v) -> k + op + v),
        key, key.map(k -> "!" + k));
  }

  /** A label name or value: alphanumerics at both ends, {@code -_.} inside, at most 63. */
  private static Arbitrary<String> name() {
    Arbitrary<Character> alnum = Arbitraries.chars().alpha().numeric();
    Arbitrary<String> middle = Arbitraries.strings().alpha().numeric().withChars("-_.").ofMaxLength(20);
    return Combinators.combine(alnum, middle, alnum).as((a, m, b) -> m.isEmpty() ? "" + a : a + m + b);
  }

  private static Arbitrary<String> dnsSubdomain() {
    Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10);
    return label.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(".", l));
  }

  @Provide
  Arbitrary<String> fieldSelectors() {
    Arbitrary<String> field = Arbitraries.of("metadata.name", "metadata.namespace", "spec.nodeName",
        "status.phase", "spec.restartPolicy");
    Arbitrary<String> value = Arbitraries.strings().ofMaxLength(12)
        .withChars("ab,=\\ é!")
        .map(SelectorPropertiesTest::escape);
    Arbitrary<String> term = Combinators.combine(field, Arbitraries.of("=", "==", "!="), value)
        .as((f, op, v) -> f + op + v);
    return term.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join(",", new ArrayList<>(l)));
  }

  private static String escape(String v) {
    return v.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }
}
