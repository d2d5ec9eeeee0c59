package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import io.logplane.projections.policy.CompiledPolicy.Named;
import io.logplane.projections.policy.CompiledPolicy.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One policy evaluated against one request and one param, as kube's validator: the match
 * conditions first (one false: the policy does not apply; an error and none false: a denial
 * under failurePolicy Fail, nothing under Ignore), then every validation in order, then every
 * audit annotation. A validation that is false denies with its reason (Invalid by default) and
 * the first non-empty of: its messageExpression's string (trimmed, one line, at most 5 KiB), its
 * message, {@code failed expression: <expression>}. A validation that fails denies under Fail and
 * admits under Ignore, with kube's error message.
 */
final class Validator {

  /** kube's PolicyDecision: deny or admit, whether from an error, why, and the Status reason ("" for none). */
  record Decision(boolean deny, boolean error, String message, String reason) {}

  /** An audit annotation to publish (value) or that failed (error), by its key. */
  record Annotation(String key, String value, String error) {}

  /** The decisions, one per validation (or one for failed match conditions), and the audit annotations. */
  record Result(List<Decision> decisions, List<Annotation> annotations) {
    static final Result NONE = new Result(List.of(), List.of());
  }

  private static final int MAX_MESSAGE_BYTES = 5 * 1024;

  private Validator() {}

  static Result validate(CompiledPolicy policy, Inputs in, JsonNode param) {
    boolean failClosed = !policy.ignoreFailures();
    Object params = CelValues.of(param);
    if (!policy.matchConditions().isEmpty()) {
      // kube evaluates match conditions without the namespace object.
      Map<String, Object> vars = vars(in, params, NullValue.NULL_VALUE);
      Set<String> errors = new LinkedHashSet<>();
      for (Named condition : policy.matchConditions()) {
        Expression.Result r = condition.expression().eval(vars);
        if (r.failed()) {
          errors.add(r.error());
        } else if (Boolean.FALSE.equals(r.value())) {
          return Result.NONE;
        }
      }
      if (!errors.isEmpty()) {
        if (!failClosed) {
          return Result.NONE;
        }
        String message = errors.size() == 1 ? errors.iterator().next() : "[" + String.join(", ", errors) + "]";
        return new Result(List.of(new Decision(true, true, message, "")), List.of());
      }
    }
    Map<String, Object> vars = vars(in, params, in.namespaceObject());
    vars.put("variables", new Variables(policy.variables(), vars));
    List<Decision> decisions = new ArrayList<>();
    for (Rule rule : policy.validations()) {
      Expression.Result r = rule.expression().eval(vars);
      if (r.failed()) {
        decisions.add(new Decision(failClosed, true, r.error(), ""));
      } else if (!Boolean.TRUE.equals(r.value())) {
        String reason = rule.reason().isEmpty() ? "Invalid" : rule.reason();
        decisions.add(new Decision(true, false, message(rule, vars), reason));
      } else {
        decisions.add(new Decision(false, false, "", ""));
      }
    }
    List<Annotation> annotations = new ArrayList<>();
    for (Named a : policy.auditAnnotations()) {
      Expression.Result r = a.expression().eval(vars);
      if (r.failed()) {
        if (failClosed) {
          annotations.add(new Annotation(a.name(), null, r.error()));
        }
      } else if (r.value() instanceof String s) {
        if (!s.strip().isEmpty()) {
          annotations.add(new Annotation(a.name(), s.strip(), null));
        }
      } else if (!(r.value() instanceof NullValue)) {
        annotations.add(new Annotation(a.name(), null, "valueExpression '" + a.expression().source()
            + "' resulted in unsupported return type: " + typeName(r.value())
            + ". Return type must be either string or null."));
      }
    }
    return new Result(decisions, annotations);
  }

  private static Map<String, Object> vars(Inputs in, Object params, Object namespaceObject) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("object", in.object());
    vars.put("oldObject", in.oldObject());
    vars.put("request", in.request());
    vars.put("namespaceObject", namespaceObject);
    vars.put("params", params);
    return vars;
  }

  private static String message(Rule rule, Map<String, Object> vars) {
    String message = "";
    if (rule.messageExpression() != null) {
      Expression.Result r = rule.messageExpression().eval(vars);
      if (!r.failed() && r.value() instanceof String s) {
        message = s.strip();
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES || message.contains("\n")) {
          message = "";
        }
      }
    }
    if (message.isEmpty()) {
      message = rule.message().strip();
    }
    return message.isEmpty() ? "failed expression: " + rule.expression().source().strip() : message;
  }

  /** A value's CEL type name as cel-go prints it. */
  private static String typeName(Object v) {
    if (v instanceof Long) {
      return "int";
    } else if (v instanceof UnsignedLong) {
      return "uint";
    } else if (v instanceof Double) {
      return "double";
    } else if (v instanceof Boolean) {
      return "bool";
    } else if (v instanceof CelByteString) {
      return "bytes";
    } else if (v instanceof List) {
      return "list";
    } else if (v instanceof Map) {
      return "map";
    } else if (v instanceof java.time.Duration) {
      return "google.protobuf.Duration";
    } else if (v instanceof java.time.Instant) {
      return "google.protobuf.Timestamp";
    }
    return v == null ? "null_type" : v.getClass().getSimpleName();
  }
}
