package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelErrorCode;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON as CEL sees it, and CEL's errors as kube's messages word them. A JSON object is a map, an
 * array a list, an integer that fits 64 bits an int, any other number a double, null CEL's null:
 * the values kube's unstructured decoding hands to cel-go.
 */
final class CelValues {

  private static final Pattern NO_SUCH_KEY = Pattern.compile("key '(.*)' is not present in map\\.");
  private static final Pattern WHERE = Pattern.compile("^evaluation error( at <input>:\\d+)?: ");

  private CelValues() {}

  /** The CEL value of a JSON value; Java null and a missing node are CEL's null. */
  static Object of(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (n.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> map.put(e.getKey(), of(e.getValue())));
      return map;
    }
    if (n.isArray()) {
      List<Object> list = new ArrayList<>(n.size());
      n.forEach(e -> list.add(of(e)));
      return list;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.longValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    return n.asText();
  }

  /**
   * An evaluation error as cel-go words it where the two differ in the words users see ("no such
   * key: x", "division by zero"); otherwise cel-java's message without its position. An error
   * of a variable is the variable's ("composited variable "x" fails to evaluate: ...").
   */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Variables.Failure f) {
        return f.getMessage();
      }
    }
    if (e instanceof CelEvaluationException c) {
      if (c.getErrorCode() == CelErrorCode.DIVIDE_BY_ZERO) {
        return "division by zero";
      }
      String message = c.getCause() != null && c.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND
          ? c.getCause().getMessage() : c.getMessage();
      Matcher key = NO_SUCH_KEY.matcher(message == null ? "" : message);
      if (key.matches()) {
        return "no such key: " + key.group(1);
      }
      return WHERE.matcher(message == null ? "" : message).replaceFirst("");
    }
    return String.valueOf(e.getMessage());
  }
}
