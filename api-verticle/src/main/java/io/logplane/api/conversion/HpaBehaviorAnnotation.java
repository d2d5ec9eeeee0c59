package io.logplane.api.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;

/**
 * The {@code autoscaling.alpha.kubernetes.io/behavior} annotation of an autoscaling/v1
 * HorizontalPodAutoscaler. kube marshals its internal type there, which has no JSON tags: the
 * fields go by their Go names ({@code ScaleUp}, {@code StabilizationWindowSeconds}) and an unset
 * one is {@code null}. Read back, nulls are unset fields.
 */
final class HpaBehaviorAnnotation {

  private static final String[] RULES = {"stabilizationWindowSeconds", "selectPolicy", "policies"};
  private static final String[] POLICY = {"type", "value", "periodSeconds"};

  private HpaBehaviorAnnotation() {}

  /** The annotation's text of a v2 {@code spec.behavior}. */
  static String encode(JsonNode behavior) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (String direction : new String[] {"scaleUp", "scaleDown"}) {
      JsonNode rules = behavior.get(direction);
      if (rules == null || rules.isNull()) {
        out.putNull(go(direction));
        continue;
      }
      ObjectNode r = out.putObject(go(direction));
      for (String f : RULES) {
        JsonNode v = rules.get(f);
        if (v == null || v.isNull()) {
          r.putNull(go(f));
        } else if (f.equals("policies")) {
          var policies = r.putArray(go(f));
          for (JsonNode p : v) {
            ObjectNode policy = policies.addObject();
            for (String pf : POLICY) {
              policy.set(go(pf), p.hasNonNull(pf) ? p.get(pf).deepCopy() : defaultOf(pf));
            }
          }
        } else {
          r.set(go(f), v.deepCopy());
        }
      }
    }
    return out.toString();
  }

  /** The v2 {@code spec.behavior} of the annotation's text; null when it does not parse or is empty. */
  static ObjectNode decode(String text) {
    JsonNode in;
    try {
      in = Json.MAPPER.readTree(text);
    } catch (java.io.IOException e) {
      return null; // kube ignores an annotation it cannot unmarshal
    }
    if (in == null || !in.isObject()) {
      return null;
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    for (String direction : new String[] {"scaleUp", "scaleDown"}) {
      JsonNode rules = in.get(go(direction));
      if (rules == null || !rules.isObject()) {
        continue;
      }
      ObjectNode r = out.putObject(direction);
      for (String f : RULES) {
        JsonNode v = rules.get(go(f));
        if (v == null || v.isNull()) {
          continue;
        }
        if (f.equals("policies")) {
          var policies = r.putArray(f);
          for (JsonNode p : v) {
            ObjectNode policy = policies.addObject();
            for (String pf : POLICY) {
              HpaMetricsV1.copy(p, go(pf), policy, pf);
            }
          }
        } else {
          r.set(f, v.deepCopy());
        }
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static JsonNode defaultOf(String policyField) {
    return policyField.equals("type") ? Json.MAPPER.getNodeFactory().textNode("")
        : Json.MAPPER.getNodeFactory().numberNode(0);
  }

  private static String go(String jsonName) {
    return Character.toUpperCase(jsonName.charAt(0)) + jsonName.substring(1);
  }
}
