package io.logplane.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A label selector: the AND of its requirements. Built from the {@code labelSelector} query
 * string ({@link #parse}) or from a {@code metav1.LabelSelector} object ({@link #fromJson}).
 * Immutable and thread-safe.
 */
public final class LabelSelector {

  private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), true);
  private static final LabelSelector NOTHING = new LabelSelector(List.of(), false);

  private final List<Requirement> requirements;
  private final boolean selectable;

  private LabelSelector(List<Requirement> requirements, boolean selectable) {
    List<Requirement> sorted = new ArrayList<>(requirements);
    sorted.sort(Comparator.comparing(Requirement::key)); // kube sorts by key for a stable form
    this.requirements = List.copyOf(sorted);
    this.selectable = selectable;
  }

  /** The selector that matches every object (an empty selector string). */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  /** The selector that matches nothing (a null {@code metav1.LabelSelector}). */
  public static LabelSelector nothing() {
    return NOTHING;
  }

  /**
   * Parses the string syntax: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a in (x,y)},
   * {@code a notin (x)}, {@code a}, {@code !a}, {@code a>1}, {@code a<1}, comma-separated.
   *
   * @param selector the selector; null or blank selects everything
   * @throws SelectorException with kube's message when the syntax or a key or value is invalid
   */
  public static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return EVERYTHING;
    }
    return new LabelSelector(LabelParser.parse(selector), true);
  }

  /**
   * Converts a {@code metav1.LabelSelector} ({@code matchLabels} and {@code matchExpressions}
   * with operators In, NotIn, Exists, DoesNotExist) as {@code LabelSelectorAsSelector} does:
   * null or missing selects nothing, an empty object selects everything.
   *
   * @throws SelectorException when an operator is unknown or a key or value is invalid
   */
  public static LabelSelector fromJson(JsonNode selector) {
    if (selector == null || selector.isNull() || selector.isMissingNode()) {
      return NOTHING;
    }
    List<Requirement> reqs = new ArrayList<>();
    JsonNode labels = selector.path("matchLabels");
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      reqs.add(newRequirement(e.getKey(), Operator.EQUALS, List.of(e.getValue().asText())));
    }
    for (JsonNode expr : selector.path("matchExpressions")) {
      String op = expr.path("operator").asText();
      Operator operator = switch (op) {
        case "In" -> Operator.IN;
        case "NotIn" -> Operator.NOT_IN;
        case "Exists" -> Operator.EXISTS;
        case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
        default -> throw new SelectorException(LabelValidation.goQuote(op) + " is not a valid label selector operator");
      };
      List<String> values = new ArrayList<>();
      expr.path("values").forEach(v -> values.add(v.asText()));
      reqs.add(newRequirement(expr.path("key").asText(), operator, values));
    }
    return reqs.isEmpty() ? EVERYTHING : new LabelSelector(reqs, true);
  }

  /** {@code labels.NewRequirement}: validates the key, the value count and each value. */
  static Requirement newRequirement(String key, Operator op, List<String> values) {
    Requirement r = new Requirement(key, op, values);
    List<String> errs = new ArrayList<>();
    List<String> keyErrs = LabelValidation.keyErrors(key);
    if (!keyErrs.isEmpty()) {
      errs.add(LabelValidation.invalid("key", key, keyErrs));
    }
    List<String> vals = r.values();
    switch (op) {
      case IN, NOT_IN -> {
        if (vals.isEmpty()) {
          errs.add("values: Invalid value: \"null\": for 'in', 'notin' operators, values set can't be empty");
        }
      }
      case EXISTS, DOES_NOT_EXIST -> {
        if (!vals.isEmpty()) {
          errs.add("values: Invalid value: " + goList(vals) + ": values set must be empty for exists and does not exist");
        }
      }
      case GREATER_THAN, LESS_THAN -> {
        for (int i = 0; i < vals.size(); i++) {
          if (!vals.get(i).matches("[-+]?\\d+")) {
            errs.add(LabelValidation.invalid("values[" + i + "]", vals.get(i),
                List.of("for 'Gt', 'Lt' operators, the value must be an integer")));
          }
        }
      }
      default -> { }
    }
    for (int i = 0; i < vals.size(); i++) {
      List<String> valueErrs = LabelValidation.valueErrors(vals.get(i));
      if (!valueErrs.isEmpty()) {
        errs.add(LabelValidation.invalid("values[" + i + "][" + key + "]", vals.get(i), valueErrs));
      }
    }
    if (!errs.isEmpty()) {
      throw new SelectorException(LabelValidation.aggregate(errs));
    }
    return r;
  }

  private static String goList(List<String> vals) {
    return "[]string{" + vals.stream().map(LabelValidation::goQuote).collect(Collectors.joining(", ")) + "}";
  }

  /** True when every requirement matches the labels (a JSON object, or null for none). */
  public boolean matches(JsonNode labels) {
    if (!selectable) {
      return false;
    }
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** True when this selector does not restrict anything. */
  public boolean isEverything() {
    return selectable && requirements.isEmpty();
  }

  /** The requirements, sorted by key. */
  public List<Requirement> requirements() {
    return requirements;
  }

  /** The single value a label must have to match ({@code a=b}, {@code a in (b)}), if any. */
  public Optional<String> requiredValue(String key) {
    for (Requirement r : requirements) {
      if (r.key().equals(key)) {
        boolean exact = r.operator() == Operator.EQUALS || r.operator() == Operator.DOUBLE_EQUALS
            || r.operator() == Operator.IN;
        return exact && r.values().size() == 1 ? Optional.of(r.values().get(0)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** The selector in string syntax as kube prints it ({@code metav1.FormatLabelSelector} input). */
  @Override
  public String toString() {
    return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }
}
