package io.logplane.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.TreeSet;

/**
 * One term of a label selector: a key, an operator and its values (sorted, deduplicated, as
 * kube keeps them in a string set).
 *
 * @param key      the label key
 * @param operator how the label's value is compared
 * @param values   the values; empty for {@code EXISTS} and {@code DOES_NOT_EXIST}
 */
public record Requirement(String key, Operator operator, List<String> values) {

  /** Builds a requirement, sorting and deduplicating the values. */
  public Requirement {
    values = List.copyOf(new TreeSet<>(values));
  }

  /** True when the labels (a JSON object of strings, or null for none) satisfy this term. */
  public boolean matches(JsonNode labels) {
    JsonNode v = labels == null || !labels.isObject() ? null : labels.get(key);
    boolean has = v != null && !v.isNull();
    String value = has ? v.asText() : null;
    return switch (operator) {
      case IN, EQUALS, DOUBLE_EQUALS -> has && values.contains(value);
      case NOT_IN, NOT_EQUALS -> !has || !values.contains(value);
      case EXISTS -> has;
      case DOES_NOT_EXIST -> !has;
      case GREATER_THAN, LESS_THAN -> has && compare(value);
    };
  }

  private boolean compare(String value) {
    try {
      long actual = Long.parseLong(value);
      long bound = Long.parseLong(values.get(0));
      return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return false; // kube treats a non-integer label as not matching
    }
  }

  /** The requirement in selector syntax, as kube prints it ({@code a in (x,y)}, {@code !a}). */
  @Override
  public String toString() {
    String joined = String.join(",", values);
    return switch (operator) {
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
      case EQUALS -> key + "=" + joined;
      case DOUBLE_EQUALS -> key + "==" + joined;
      case NOT_EQUALS -> key + "!=" + joined;
      case IN -> key + " in (" + joined + ")";
      case NOT_IN -> key + " notin (" + joined + ")";
      case GREATER_THAN -> key + ">" + joined;
      case LESS_THAN -> key + "<" + joined;
    };
  }
}
