package io.logplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;

/** An int-or-percent of a total, rounded up ({@code GetScaledValueFromIntOrPercent(..., true)}). Pure. */
final class Scaled {

  private Scaled() {}

  static int value(JsonNode v, int total, int absent) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return absent;
    }
    if (v.isNumber()) {
      return v.asInt();
    }
    String s = v.asText().trim();
    if (s.endsWith("%")) {
      int percent = Integer.parseInt(s.substring(0, s.length() - 1));
      return (int) Math.ceil(percent * (double) total / 100);
    }
    return Integer.parseInt(s);
  }
}
