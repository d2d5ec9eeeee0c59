package io.logplane.api.validation.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import java.util.regex.Pattern;

/**
 * An int-or-string field that holds a count or a percentage (maxSurge, maxUnavailable,
 * minAvailable), with the rules of apps validation's {@code ValidatePositiveIntOrPercent} and
 * {@code IsNotMoreThan100Percent}.
 */
public final class IntOrPercent {

  private static final String PERCENT_FMT = "[0-9]+%";
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final String PERCENT_MSG = Names.regexError(
      "a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, "1%", "93%");

  private IntOrPercent() {}

  /** A string must be a percentage, a number must not be negative. */
  public static void validatePositive(JsonNode v, String path, FieldErrors errors) {
    if (GoStructs.absent(v)) {
      return; // Go's zero IntOrString: the integer 0
    }
    if (v.isTextual()) {
      if (!PERCENT.matcher(v.textValue()).matches()) {
        errors.invalid(path, GoStructs.intOrString(v), PERCENT_MSG);
      }
    } else if (v.isIntegralNumber()) {
      if (v.asLong() < 0) {
        errors.invalid(path, v.asLong(), "must be greater than or equal to 0");
      }
    } else {
      errors.invalid(path, GoStructs.intOrString(v), "must be an integer or percentage (e.g '5%')");
    }
  }

  /** A percentage above 100% is refused; numbers are not bounded here. */
  public static void notMoreThan100Percent(JsonNode v, String path, FieldErrors errors) {
    if (v.isTextual() && PERCENT.matcher(v.textValue()).matches() && percent(v.textValue()) > 100) {
      errors.invalid(path, GoStructs.intOrString(v), "must not be greater than 100%");
    }
  }

  /**
   * The number a value stands for as {@code getIntOrPercentValue} reads it: the percentage of
   * a valid percent string, else the integer (a string that is not one counts as 0).
   */
  public static long value(JsonNode v) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      return 0;
    }
    if (v.isTextual()) {
      String s = v.textValue();
      if (PERCENT.matcher(s).matches()) {
        return percent(s);
      }
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return v.asLong(0);
  }

  private static long percent(String s) {
    try {
      return Long.parseLong(s.substring(0, s.length() - 1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
