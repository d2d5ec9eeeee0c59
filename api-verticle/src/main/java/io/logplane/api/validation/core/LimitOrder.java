package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.projections.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The order of one resource's amounts in a LimitRange item: min &le; default request &le;
 * default &le; max, a limit/request ratio of at least 1 and at most max/min, and equal defaults
 * for resources that cannot be overcommitted.
 */
final class LimitOrder {

  private LimitOrder() {}

  static void check(JsonNode limit, boolean pod, String k, String path, FieldErrors errors) {
    BigDecimal min = amount(limit, "min", k);
    BigDecimal max = amount(limit, "max", k);
    BigDecimal def = pod ? null : amount(limit, "default", k);
    BigDecimal request = pod ? null : amount(limit, "defaultRequest", k);
    BigDecimal ratio = amount(limit, "maxLimitRequestRatio", k);
    String at = "[" + k + "]";
    if (min != null && max != null && min.compareTo(max) > 0) {
      errors.invalid(path + ".min" + at, shown(limit, "min", k), "min value " + shown(limit, "min", k)
          + " is greater than max value " + shown(limit, "max", k));
    }
    if (request != null && min != null && min.compareTo(request) > 0) {
      errors.invalid(path + ".defaultRequest" + at, shown(limit, "defaultRequest", k), "min value "
          + shown(limit, "min", k) + " is greater than default request value " + shown(limit, "defaultRequest", k));
    }
    if (request != null && max != null && request.compareTo(max) > 0) {
      errors.invalid(path + ".defaultRequest" + at, shown(limit, "defaultRequest", k), "default request value "
          + shown(limit, "defaultRequest", k) + " is greater than max value " + shown(limit, "max", k));
    }
    if (request != null && def != null && request.compareTo(def) > 0) {
      errors.invalid(path + ".defaultRequest" + at, shown(limit, "defaultRequest", k), "default request value "
          + shown(limit, "defaultRequest", k) + " is greater than default limit value " + shown(limit, "default", k));
    }
    if (def != null && min != null && min.compareTo(def) > 0) {
      errors.invalid(path + ".default" + at, shown(limit, "min", k), "min value " + shown(limit, "min", k)
          + " is greater than default value " + shown(limit, "default", k));
    }
    if (def != null && max != null && def.compareTo(max) > 0) {
      errors.invalid(path + ".default" + at, shown(limit, "max", k), "default value " + shown(limit, "default", k)
          + " is greater than max value " + shown(limit, "max", k));
    }
    if (ratio != null && ratio.compareTo(BigDecimal.ONE) < 0) {
      errors.invalid(path + ".maxLimitRequestRatio" + at, shown(limit, "maxLimitRequestRatio", k), "ratio "
          + shown(limit, "maxLimitRequestRatio", k) + " is less than 1");
    }
    if (ratio != null && min != null && max != null && min.signum() > 0) {
      BigDecimal most = max.divide(min, MathContext.DECIMAL64);
      if (ratio.compareTo(most) > 0) {
        errors.invalid(path + ".maxLimitRequestRatio" + at, shown(limit, "maxLimitRequestRatio", k), "ratio "
            + shown(limit, "maxLimitRequestRatio", k) + " is greater than max/min = "
            + String.format("%f", most.doubleValue()));
      }
    }
    if (!ResourceNames.nativeName(k) || k.startsWith("hugepages-")) {
      if (def != null && request != null && def.compareTo(request) != 0) {
        errors.invalid(path + ".defaultRequest" + at, shown(limit, "defaultRequest", k), "default value "
            + shown(limit, "default", k) + " must equal to defaultRequest value " + shown(limit, "defaultRequest", k)
            + " in " + k);
      }
    }
  }

  private static BigDecimal amount(JsonNode limit, String field, String k) {
    JsonNode v = limit.path(field).get(k);
    return v == null || v.isNull() ? null : Quantity.parse(v).map(Quantity::value).orElse(null);
  }

  private static String shown(JsonNode limit, String field, String k) {
    JsonNode v = limit.path(field).path(k);
    return Quantity.canonical(v);
  }
}
