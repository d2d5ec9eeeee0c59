package io.logplane.controllers.podautoscaler;

import java.time.Instant;

/**
 * How far one pass may move the replicas: within min and max, and, without a behavior, up to
 * twice the current count (at least 4) as kube's {@code convertDesiredReplicasWithRules}; with
 * one, as its policies allow over their periods ({@code convertDesiredReplicasWithBehaviorRate}).
 */
final class Rates {

  /** The replicas allowed, and the ScalingLimited reason and message that go with them. */
  record Limit(int replicas, String reason, String message) {}

  private static final Limit WITHIN = new Limit(0, "DesiredWithinRange", "the desired count is within the acceptable range");
  private static final String UP_LIMIT = "the desired replica count is increasing faster than the maximum scale rate";
  private static final String DOWN_LIMIT = "the desired replica count is decreasing faster than the maximum scale rate";
  private static final String TOO_MANY = "the desired replica count is more than the maximum replica count";
  private static final String TOO_FEW = "the desired replica count is less than the minimum replica count";

  private Rates() {}

  static Limit withRules(int desired, int current, int min, int max) {
    int scaleUpLimit = Math.max(2 * current, 4);
    Limit upper = max > scaleUpLimit ? new Limit(scaleUpLimit, "ScaleUpLimit", UP_LIMIT)
        : new Limit(max, "TooManyReplicas", TOO_MANY);
    if (desired < min) {
      return new Limit(min, "TooFewReplicas", TOO_FEW);
    }
    return desired > upper.replicas() ? upper : within(desired);
  }

  static Limit withBehavior(String key, int desired, int current, int min, int max, ScalingRules up,
      ScalingRules down, Normalizer history, Instant now) {
    if (desired > current) {
      int scaleUpLimit = Math.max(upLimit(key, current, up, history, now), current);
      Limit upper = max > scaleUpLimit ? new Limit(scaleUpLimit, "ScaleUpLimit", UP_LIMIT)
          : new Limit(max, "TooManyReplicas", TOO_MANY);
      return desired > upper.replicas() ? upper : within(desired);
    } else if (desired < current) {
      int scaleDownLimit = Math.min(downLimit(key, current, down, history, now), current);
      Limit lower = min < scaleDownLimit ? new Limit(scaleDownLimit, "ScaleDownLimit", DOWN_LIMIT)
          : new Limit(min, "TooFewReplicas", TOO_FEW);
      return desired < lower.replicas() ? lower : within(desired);
    }
    return within(desired);
  }

  /** {@code calculateScaleUpLimitWithScalingRules}. */
  private static int upLimit(String key, int current, ScalingRules rules, Normalizer history, Instant now) {
    if (rules.selectPolicy().equals("Disabled")) {
      return current;
    }
    boolean min = rules.selectPolicy().equals("Min");
    long result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    for (ScalingRules.Policy p : rules.policies()) {
      int start = current - history.changedWithin(key, true, p.periodSeconds(), now);
      long proposed = p.type().equals("Pods") ? start + p.value()
          : (long) Math.ceil(start * (1 + p.value() / 100.0));
      result = min ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return (int) result;
  }

  /** {@code calculateScaleDownLimitWithBehaviors}. */
  private static int downLimit(String key, int current, ScalingRules rules, Normalizer history, Instant now) {
    if (rules.selectPolicy().equals("Disabled")) {
      return current;
    }
    boolean min = rules.selectPolicy().equals("Min");
    long result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    for (ScalingRules.Policy p : rules.policies()) {
      int start = current + history.changedWithin(key, false, p.periodSeconds(), now);
      long proposed = p.type().equals("Pods") ? start - p.value() : (long) (start * (1 - p.value() / 100.0));
      result = min ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return (int) result;
  }

  private static Limit within(int desired) {
    return new Limit(desired, WITHIN.reason(), WITHIN.message());
  }
}
