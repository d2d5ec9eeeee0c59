package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code intstr.GetScaledValueFromIntOrPercent}: an int as it is, "N%" of a total rounded up or down. */
public final class IntOrPercent {

  private IntOrPercent() {}

  /** The value scaled to total; a missing value is {@code fallback}. */
  public static int scaled(JsonNode value, int total, boolean roundUp, int fallback) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return fallback;
    }
    if (value.isIntegralNumber()) {
      return value.asInt();
    }
    String s = value.asText();
    if (!s.endsWith("%")) {
      throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
    }
    int percent;
    try {
      percent = Integer.parseInt(s.substring(0, s.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value \"" + s + "\": " + e.getMessage());
    }
    long scaled = (long) percent * total;
    return (int) (roundUp ? -Math.floorDiv(-scaled, 100) : Math.floorDiv(scaled, 100));
  }
}
