package io.logplane.projections.policy;

import io.logplane.projections.policy.CompiledPolicy.Named;
import io.logplane.selectors.GoStrings;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code variables} of one evaluation, as kube's composition context builds them: each is
 * evaluated when an expression first reads it, over the same inputs, and kept for the rest of
 * the evaluation; one that fails makes every expression that reads it fail with
 * {@code composited variable "x" fails to evaluate: ...}. Not thread-safe: one per evaluation.
 */
final class Variables extends AbstractMap<String, Object> {

  /** A variable that failed, raised through CEL to the expression that read it. */
  static final class Failure extends RuntimeException {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private final List<Named> definitions;
  private final Map<String, Object> vars;
  private final Map<String, Object> values = new HashMap<>();

  /** The variables {@code definitions} evaluated over {@code vars}, which holds this map too. */
  Variables(List<Named> definitions, Map<String, Object> vars) {
    this.definitions = definitions;
    this.vars = vars;
  }

  @Override
  public boolean containsKey(Object key) {
    return definition(key) != null;
  }

  @Override
  public Object get(Object key) {
    Named d = definition(key);
    if (d == null) {
      return null;
    }
    // Not computeIfAbsent: evaluating one variable may read (and so store) another.
    Object v = values.get(d.name());
    if (v == null) {
      v = evaluate(d);
      values.put(d.name(), v);
    }
    if (v instanceof Failure f) {
      throw f;
    }
    return v;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> all = new LinkedHashMap<>();
    definitions.forEach(d -> all.put(d.name(), get(d.name())));
    return all.entrySet();
  }

  private Object evaluate(Named d) {
    Expression.Result r = d.expression().evalBare(vars);
    if (!r.failed()) {
      return r.value();
    }
    String verb = d.expression().problem() != null ? "compile" : "evaluate";
    return new Failure("composited variable " + GoStrings.quote(d.name()) + " fails to " + verb + ": " + r.error());
  }

  /** The last definition of that name (a later one shadows an earlier one, as kube's map does). */
  private Named definition(Object key) {
    Named found = null;
    for (Named d : definitions) {
      if (d.name().equals(key)) {
        found = d;
      }
    }
    return found;
  }
}
