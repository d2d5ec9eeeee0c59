package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What becomes of the replicas the metrics ask for (kube's {@code normalizeDesiredReplicas} and
 * {@code normalizeDesiredReplicasWithBehaviors}): stabilized over the recent recommendations of
 * the HPA, then held to min/max and to the scale rate. Keeps, per HPA, the recommendations and
 * the scale events of the longest policy period, in memory as kube's controller does (a new
 * leader starts afresh). Time is given, so the windows are tested with a made-up clock.
 */
final class Normalizer {

  /** A condition to set: its status, reason and message. */
  record Condition(String status, String reason, String message) {}

  /** The replicas to scale to, and the AbleToScale and ScalingLimited conditions that say why. */
  record Outcome(int replicas, Condition able, Condition limited) {}

  private record Sample(int replicas, Instant at) {}

  private final Map<String, List<Sample>> recommendations = new ConcurrentHashMap<>();
  private final Map<String, List<Sample>> upEvents = new ConcurrentHashMap<>();
  private final Map<String, List<Sample>> downEvents = new ConcurrentHashMap<>();

  /** Starts the recommendations of a new HPA with the target's current replicas. */
  void recordInitial(String key, int current, Instant now) {
    recommendations.computeIfAbsent(key, k -> new ArrayList<>(List.of(new Sample(current, now))));
  }

  /** Forgets an HPA that is gone. */
  void forget(String key) {
    recommendations.remove(key);
    upEvents.remove(key);
    downEvents.remove(key);
  }

  Outcome normalize(String key, JsonNode behavior, int current, int desired, int min, int max, Instant now) {
    boolean given = behavior != null && !behavior.isNull() && !behavior.isMissingNode();
    ScalingRules up = ScalingRules.up(given ? behavior.get("scaleUp") : null);
    ScalingRules down = ScalingRules.down(given ? behavior.get("scaleDown") : null);
    int stabilized = stabilize(key, current, desired, given ? up.windowSeconds() : 0, down.windowSeconds(), now);
    Condition able;
    if (stabilized == desired) {
      able = new Condition("True", "ReadyForNewScale", "recommended size matches current size");
    } else if (desired >= current) {
      able = new Condition("True", "ScaleUpStabilized",
          "recent recommendations were lower than current one, applying the lowest recent recommendation");
    } else {
      able = new Condition("True", "ScaleDownStabilized",
          "recent recommendations were higher than current one, applying the highest recent recommendation");
    }
    Rates.Limit limit = given ? Rates.withBehavior(key, stabilized, current, min, max, up, down, this, now)
        : Rates.withRules(stabilized, current, min, max);
    Condition limited = new Condition(limit.replicas() == stabilized ? "False" : "True", limit.reason(),
        limit.message());
    return new Outcome(limit.replicas(), able, limited);
  }

  private int stabilize(String key, int current, int desired, int upWindow, int downWindow, Instant now) {
    Instant upCutoff = now.minusSeconds(upWindow);
    Instant downCutoff = now.minusSeconds(downWindow);
    int upRecommendation = desired;
    int downRecommendation = desired;
    List<Sample> samples = recommendations.computeIfAbsent(key, k -> new ArrayList<>());
    int old = -1;
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      if (s.at().isAfter(upCutoff)) {
        upRecommendation = Math.min(s.replicas(), upRecommendation);
      }
      if (s.at().isAfter(downCutoff)) {
        downRecommendation = Math.max(s.replicas(), downRecommendation);
      }
      if (s.at().isBefore(upCutoff) && s.at().isBefore(downCutoff)) {
        old = i;
      }
    }
    if (old >= 0) {
      samples.set(old, new Sample(desired, now));
    } else {
      samples.add(new Sample(desired, now));
    }
    return Math.min(Math.max(current, upRecommendation), downRecommendation);
  }

  /** Records a rescale, for the rate policies of an HPA with a behavior. */
  void scaled(String key, JsonNode behavior, int from, int to, Instant now) {
    if (behavior == null || behavior.isNull() || behavior.isMissingNode() || from == to) {
      return;
    }
    Map<String, List<Sample>> events = to > from ? upEvents : downEvents;
    ScalingRules rules = to > from ? ScalingRules.up(behavior.get("scaleUp"))
        : ScalingRules.down(behavior.get("scaleDown"));
    List<Sample> list = events.computeIfAbsent(key, k -> new ArrayList<>());
    Instant cutoff = now.minusSeconds(rules.longestPeriodSeconds());
    list.removeIf(s -> !s.at().isAfter(cutoff));
    list.add(new Sample(Math.abs(to - from), now));
  }

  /** The replicas changed in that direction within the period before now ({@code getReplicasChangePerPeriod}). */
  int changedWithin(String key, boolean upward, int periodSeconds, Instant now) {
    Instant cutoff = now.minusSeconds(periodSeconds);
    int sum = 0;
    for (Sample s : (upward ? upEvents : downEvents).getOrDefault(key, List.of())) {
      if (s.at().isAfter(cutoff)) {
        sum += s.replicas();
      }
    }
    return sum;
  }
}
