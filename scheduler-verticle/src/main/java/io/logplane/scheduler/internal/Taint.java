package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A node's taint: key, value (may be empty) and effect (NoSchedule, PreferNoSchedule, NoExecute). */
public record Taint(String key, String value, String effect) {

  public static List<Taint> of(JsonNode taints) {
    List<Taint> list = new ArrayList<>();
    for (JsonNode t : taints) {
      list.add(new Taint(t.path("key").asText(), t.path("value").asText(), t.path("effect").asText()));
    }
    return list;
  }

  /** As kube's failure reason prints it: {@code {key: value}}. */
  public String show() {
    return "{" + key + ": " + value + "}";
  }

  /** A pod's toleration; an empty key with Exists tolerates every taint, an empty effect every effect. */
  public record Toleration(String key, String operator, String value, String effect) {

    public static List<Toleration> of(JsonNode tolerations) {
      List<Toleration> list = new ArrayList<>();
      for (JsonNode t : tolerations) {
        list.add(new Toleration(t.path("key").asText(), t.path("operator").asText(), t.path("value").asText(),
            t.path("effect").asText()));
      }
      return list;
    }

    public boolean tolerates(Taint taint) {
      if (!effect.isEmpty() && !effect.equals(taint.effect())) {
        return false;
      }
      if (!key.isEmpty() && !key.equals(taint.key())) {
        return false;
      }
      return switch (operator) {
        case "Exists" -> true;
        case "", "Equal" -> value.equals(taint.value());
        default -> false;
      };
    }

    public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
      for (Toleration t : tolerations) {
        if (t.tolerates(taint)) {
          return true;
        }
      }
      return false;
    }
  }
}
