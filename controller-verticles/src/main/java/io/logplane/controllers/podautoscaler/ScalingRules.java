package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One direction of an HPA's behavior ({@code HPAScalingRules}) with kube's defaults filled in
 * where a field is unset: scaling up at once by at most 4 pods or 100 % per 15 s, whichever is
 * more; scaling down by up to 100 % per 15 s after a 300 s stabilization window.
 */
record ScalingRules(int windowSeconds, String selectPolicy, List<Policy> policies) {

  /** A {@code HPAScalingPolicy}: {@code Pods} or {@code Percent}, over a period. */
  record Policy(String type, int value, int periodSeconds) {}

  static final int DOWNSCALE_STABILIZATION_SECONDS = 300;

  static ScalingRules up(JsonNode rules) {
    return of(rules, 0, List.of(new Policy("Pods", 4, 15), new Policy("Percent", 100, 15)));
  }

  static ScalingRules down(JsonNode rules) {
    return of(rules, DOWNSCALE_STABILIZATION_SECONDS, List.of(new Policy("Percent", 100, 15)));
  }

  private static ScalingRules of(JsonNode rules, int window, List<Policy> policies) {
    if (rules == null || rules.isNull() || rules.isMissingNode()) {
      return new ScalingRules(window, "Max", policies);
    }
    JsonNode w = rules.get("stabilizationWindowSeconds");
    List<Policy> given = policies;
    if (rules.path("policies").isArray()) {
      given = new ArrayList<>();
      for (JsonNode p : rules.path("policies")) {
        given.add(new Policy(p.path("type").asText(), p.path("value").asInt(), p.path("periodSeconds").asInt()));
      }
    }
    return new ScalingRules(w == null || w.isNull() ? window : w.asInt(), rules.path("selectPolicy").asText("Max"),
        given);
  }

  /** The longest period of the policies: how long scale events are remembered. */
  int longestPeriodSeconds() {
    return policies.stream().mapToInt(Policy::periodSeconds).max().orElse(0);
  }
}
