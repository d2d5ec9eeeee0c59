package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/** The LimitRanger's min, max and ratio checks, with kube's messages. */
final class Constraints {

  private Constraints() {}

  static void min(JsonNode limit, String r, JsonNode enforced, Map<String, Quantity> req, Map<String, Quantity> lim,
      List<String> errors) {
    String type = limit.path("type").asText();
    Quantity e = Quantity.of(enforced);
    if (!req.containsKey(r)) {
      errors.add("minimum " + r + " usage per " + type + " is " + e + ".  No request is specified");
    } else if (req.get(r).compareTo(e) < 0) {
      errors.add("minimum " + r + " usage per " + type + " is " + e + ", but request is " + req.get(r));
    } else if (lim.containsKey(r) && lim.get(r).compareTo(e) < 0) {
      errors.add("minimum " + r + " usage per " + type + " is " + e + ", but limit is " + lim.get(r));
    }
  }

  static void maxRequest(JsonNode limit, String r, JsonNode enforced, Map<String, Quantity> req, List<String> errors) {
    String type = limit.path("type").asText();
    Quantity e = Quantity.of(enforced);
    if (!req.containsKey(r)) {
      errors.add("maximum " + r + " usage per " + type + " is " + e + ".  No request is specified");
    } else if (req.get(r).compareTo(e) > 0) {
      errors.add("maximum " + r + " usage per " + type + " is " + e + ", but request is " + req.get(r));
    }
  }

  static void max(JsonNode limit, String r, JsonNode enforced, Map<String, Quantity> req, Map<String, Quantity> lim,
      List<String> errors) {
    String type = limit.path("type").asText();
    Quantity e = Quantity.of(enforced);
    if (!lim.containsKey(r)) {
      errors.add("maximum " + r + " usage per " + type + " is " + e + ".  No limit is specified");
    } else if (lim.get(r).compareTo(e) > 0) {
      errors.add("maximum " + r + " usage per " + type + " is " + e + ", but limit is " + lim.get(r));
    } else if (req.containsKey(r) && req.get(r).compareTo(e) > 0) {
      errors.add("maximum " + r + " usage per " + type + " is " + e + ", but request is " + req.get(r));
    }
  }

  static void ratio(JsonNode limit, String r, JsonNode enforced, Map<String, Quantity> req, Map<String, Quantity> lim,
      List<String> errors) {
    String type = limit.path("type").asText();
    Quantity e = Quantity.of(enforced);
    String head = r + " max limit to request ratio per " + type + " is " + e;
    if (!req.containsKey(r) || req.get(r).value().signum() == 0) {
      errors.add(head + ", but no request is specified or request is 0");
    } else if (!lim.containsKey(r) || lim.get(r).value().signum() == 0) {
      errors.add(head + ", but no limit is specified or limit is 0");
    } else {
      BigDecimal observed = lim.get(r).value().divide(req.get(r).value(), MathContext.DECIMAL64);
      if (observed.compareTo(e.value()) > 0) {
        errors.add(head + ", but provided ratio is " + String.format(java.util.Locale.ROOT, "%f", observed.doubleValue()));
      }
    }
  }
}
