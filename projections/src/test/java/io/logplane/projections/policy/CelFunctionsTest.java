package io.logplane.projections.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kube's list and regex libraries, the strings extension and JSON values, expression by expression. */
class CelFunctionsTest {

  private static final JsonNode OBJECT = Json.object("""
      {"spec": {"ints": [3, 1, 2], "sorted": [1, 2, 2, 5], "names": ["b", "a"], "ratio": 0.5, "n": null,
        "nested": {"k": "v"}}}""".getBytes(StandardCharsets.UTF_8));

  /** The value of {@code expression} over {@link #OBJECT}, or its error prefixed "error: ". */
  private static Object eval(String expression) {
    Expression e = Expression.compile(CelEnvironment.compiler(false, null), expression, expression, List.of());
    Map<String, Object> vars = new HashMap<>();
    vars.put("object", CelValues.of(OBJECT));
    vars.put("oldObject", CelValues.of(null));
    Expression.Result r = e.eval(vars);
    return r.failed() ? "error: " + r.error() : r.value();
  }

  @Test
  void listsAreSortedSummedAndSearchedAsKubeDoes() {
    assertEquals(true, eval("[1, 2, 3].isSorted()"));
    assertEquals(true, eval("['a', 'b', 'b', 'c'].isSorted()"));
    assertEquals(false, eval("[2.0, 1.0].isSorted()"));
    assertEquals(true, eval("[].isSorted()"));
    assertEquals(false, eval("object.spec.ints.isSorted()"));
    assertEquals(true, eval("object.spec.sorted.isSorted()"));
    assertEquals(4L, eval("[1, 3].sum()"));
    assertEquals(4.0, eval("[1.0, 3.0].sum()"));
    assertEquals(0L, eval("[].sum()"));
    assertEquals(6L, eval("object.spec.ints.sum()"));
    assertEquals(java.time.Duration.ofSeconds(61), eval("[duration('1m'), duration('1s')].sum()"));
    assertEquals(1L, eval("[1, 3].min()"));
    assertEquals(3L, eval("[1, 3].max()"));
    assertEquals("a", eval("object.spec.names.min()"));
    assertEquals("error: expression '[].min()' resulted in error: min called on empty list", eval("[].min()"));
    assertEquals(1L, eval("[1, 2, 2, 3].indexOf(2)"));
    assertEquals(2L, eval("['a', 'b', 'b', 'c'].lastIndexOf('b')"));
    assertEquals(-1L, eval("[1.0].indexOf(1.1)"));
    assertEquals(-1L, eval("[].indexOf('string')"));
    assertEquals(1L, eval("object.spec.ints.indexOf(1)"));
  }

  @Test
  void findReturnsTheFirstMatchAndFindAllEveryOneAsGoDoes() {
    assertEquals("123", eval("'abc 123'.find('[0-9]+')"));
    assertEquals("", eval("'abc'.find('[0-9]+')"));
    assertEquals(List.of("123", "456"), eval("'123 abc 456'.findAll('[0-9]+')"));
    assertEquals(List.of("123"), eval("'123 abc 456'.findAll('[0-9]+', 1)"));
    assertEquals(List.of(), eval("'123 abc 456'.findAll('[0-9]+', 0)"));
    assertEquals(List.of("", "aaa", ""), eval("'baaab'.findAll('a*')"));
    assertEquals("error: expression ''x'.find('(')' resulted in error: Illegal regex: error parsing regexp: "
        + "missing closing ): `(`", eval("'x'.find('(')"));
  }

  @Test
  void theStringsExtensionIsKubesVersionZero() {
    assertEquals("B", eval("'abc'.charAt(1).upperAscii()"));
    assertEquals(1L, eval("'abc'.indexOf('b')"));
    assertEquals(List.of("a", "b"), eval("'a,b'.split(',')"));
    assertEquals("a-b", eval("['a', 'b'].join('-')"));
    assertEquals("bc", eval("'abc'.substring(1)"));
    assertEquals("x", eval("'  x '.trim()"));
    assertEquals("a_c", eval("'abc'.replace('b', '_')"));
    assertEquals("abc", eval("'ABC'.lowerAscii()"));
    assertEquals(true, eval("'abc'.matches('^a')"));
    assertEquals(true, eval("object.spec.names.exists(n, n.startsWith('a'))"));
  }

  @Test
  void jsonIsSeenAsKubesUnstructuredValues() {
    assertEquals(true, eval("has(object.spec.ints)"));
    assertEquals(false, eval("has(object.spec.missing)"));
    assertEquals(true, eval("object.spec.n == null"));
    assertEquals(true, eval("object.spec.ratio == 0.5"));
    assertEquals(true, eval("object.spec.ints[0] == 3"));
    assertEquals(true, eval("object.spec.ints[0] > 2.5"), "int and double compare");
    assertEquals("v", eval("object.?spec.?nested.?k.orValue('none')"));
    assertEquals("none", eval("object.?spec.?other.?k.orValue('none')"));
    assertEquals(true, eval("oldObject == null"));
    assertEquals("error: expression 'object.spec.missing == 1' resulted in error: no such key: missing",
        eval("object.spec.missing == 1"));
    assertEquals("error: expression '1 / 0 == 1' resulted in error: division by zero", eval("1 / 0 == 1"));
  }
}
