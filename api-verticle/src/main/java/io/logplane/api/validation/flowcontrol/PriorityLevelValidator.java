package io.logplane.api.validation.flowcontrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.flowcontrol.Bootstrap;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import java.util.List;
import java.util.Optional;

/**
 * As kube's {@code ValidatePriorityLevelConfiguration} for v1beta3: the type is {@code Exempt}
 * exactly for the level named {@code exempt}; a limited level has positive nominal concurrency
 * shares, lendable and borrowing percents in range, and a limit response that rejects or queues
 * (positive queues up to 10^7, a hand no bigger than the queues and within the shuffle sharder's
 * 60 bits of entropy, a positive queue length); a mandatory level keeps the spec of
 * {@link Bootstrap} (but {@code spec.exempt} of {@code exempt}); status conditions have distinct
 * types. An update is checked as a create.
 */
final class PriorityLevelValidator implements KindValidator {

  static final List<String> TYPES = List.of("Exempt", "Limited");
  static final List<String> LIMIT_RESPONSE_TYPES = List.of("Queue", "Reject");
  static final long MAX_QUEUES = 10_000_000L;
  static final int MAX_HASH_BITS = 60;
  private static final double LOG2_E = 1.4426950408889634; // 1/ln 2, Go's math.Log2E

  @Override
  public void validate(ObjectNode level, FieldErrors errors) {
    String name = level.path("metadata").path("name").asText("");
    JsonNode spec = level.path("spec");
    spec(name, spec, errors);
    mandatory(name, spec, errors);
    FlowSchemaValidator.conditions(level.path("status"), errors);
  }

  private static void spec(String name, JsonNode spec, FieldErrors errors) {
    String type = spec.path("type").asText("");
    if (name.equals("exempt") != type.equals("Exempt")) {
      errors.invalid("spec.type", type, "type must be 'Exempt' if and only if name is 'exempt'");
    }
    JsonNode limited = spec.path("limited");
    JsonNode exempt = spec.path("exempt");
    switch (type) {
      case "Exempt" -> {
        if (present(limited)) {
          errors.forbidden("spec.limited", "must be nil if the type is not Limited");
        }
        if (present(exempt)) {
          exempt(exempt, errors);
        }
      }
      case "Limited" -> {
        if (present(exempt)) {
          errors.forbidden("spec.exempt", "must be nil if the type is Limited");
        }
        if (!present(limited)) {
          errors.required("spec.limited", "must not be empty when type is Limited");
        } else {
          limited(limited, errors);
        }
      }
      default -> errors.notSupported("spec.type", type, TYPES);
    }
  }

  private static void limited(JsonNode limited, FieldErrors errors) {
    long shares = limited.path("nominalConcurrencyShares").asLong(0);
    if (shares <= 0) {
      errors.invalid("spec.limited.nominalConcurrencyShares", shares, "must be positive");
    }
    limitResponse(limited.path("limitResponse"), errors);
    JsonNode lendable = limited.path("lendablePercent");
    if (present(lendable) && (lendable.asLong() < 0 || lendable.asLong() > 100)) {
      errors.invalid("spec.limited.lendablePercent", lendable.asLong(), "must be between 0 and 100, inclusive");
    }
    JsonNode borrowing = limited.path("borrowingLimitPercent");
    if (present(borrowing) && borrowing.asLong() < 0) {
      errors.invalid("spec.limited.borrowingLimitPercent", borrowing.asLong(),
          "if specified, must be a non-negative integer");
    }
  }

  private static void exempt(JsonNode exempt, FieldErrors errors) {
    JsonNode shares = exempt.path("nominalConcurrencyShares");
    if (present(shares) && shares.asLong() < 0) {
      errors.invalid("spec.exempt.nominalConcurrencyShares", shares.asLong(), "must be a non-negative integer");
    }
    JsonNode lendable = exempt.path("lendablePercent");
    if (present(lendable) && (lendable.asLong() < 0 || lendable.asLong() > 100)) {
      errors.invalid("spec.exempt.lendablePercent", lendable.asLong(), "must be between 0 and 100, inclusive");
    }
  }

  private static void limitResponse(JsonNode response, FieldErrors errors) {
    String type = response.path("type").asText("");
    JsonNode queuing = response.path("queuing");
    String path = "spec.limited.limitResponse";
    switch (type) {
      case "Reject" -> {
        if (present(queuing)) {
          errors.forbidden(path + ".queuing", "must be nil if limited.limitResponse.type is not Limited");
        }
      }
      case "Queue" -> {
        if (!present(queuing)) {
          errors.required(path + ".queuing", "must not be empty if limited.limitResponse.type is Limited");
        } else {
          queuing(queuing, path + ".queuing", errors);
        }
      }
      default -> errors.notSupported(path + ".type", type, LIMIT_RESPONSE_TYPES);
    }
  }

  private static void queuing(JsonNode queuing, String path, FieldErrors errors) {
    long length = queuing.path("queueLengthLimit").asLong(0);
    if (length <= 0) {
      errors.invalid(path + ".queueLengthLimit", length, "must be positive");
    }
    long queues = queuing.path("queues").asLong(0);
    if (queues <= 0) {
      errors.invalid(path + ".queues", queues, "must be positive");
    } else if (queues > MAX_QUEUES) {
      errors.invalid(path + ".queues", queues, "must not be greater than " + MAX_QUEUES);
    }
    long hand = queuing.path("handSize").asLong(0);
    if (hand <= 0) {
      errors.invalid(path + ".handSize", hand, "must be positive");
    } else if (hand > queues) {
      errors.invalid(path + ".handSize", hand, "should not be greater than queues (" + queues + ")");
    } else if (requiredEntropyBits(queues, hand) > MAX_HASH_BITS) {
      errors.invalid(path + ".handSize", hand, "required entropy bits of deckSize " + queues + " and handSize " + hand
          + " should not be greater than " + MAX_HASH_BITS);
    }
  }

  /** The shuffle sharder's estimate of the hash bits a deal uses: ceil(log2(deck) * hand). */
  static long requiredEntropyBits(long deckSize, long handSize) {
    return (long) Math.ceil(log2(deckSize) * handSize);
  }

  /**
   * A base-2 logarithm exact on powers of two, as Go's {@code math.Log2} computes it: the
   * mantissa's logarithm plus the exponent (so 64 queues of a hand of 10 need 60 bits, not 61).
   */
  static double log2(double x) {
    int exp = Math.getExponent(x) + 1;
    double frac = Math.scalb(x, -exp);
    return frac == 0.5 ? exp - 1 : Math.log(frac) * LOG2_E + exp;
  }

  private static void mandatory(String name, JsonNode spec, FieldErrors errors) {
    Optional<ObjectNode> fixed = Bootstrap.mandatoryPriorityLevelConfiguration(name);
    if (fixed.isEmpty()) {
      return;
    }
    JsonNode want = fixed.get().path("spec");
    if (name.equals("exempt")) {
      // the exempt level's spec.exempt is the administrator's to change; nothing else is
      ObjectNode have = spec.isObject() ? ((ObjectNode) spec).deepCopy() : JsonNodeFactory.instance.objectNode();
      have.set("exempt", want.get("exempt"));
      if (!GoSpecs.samePriorityLevelSpec(want, have)) {
        errors.invalid("spec", GoSpecs.renderPriorityLevelSpec(spec),
            "spec of '" + name + "' except the 'spec.exempt' field must equal the fixed value");
      }
    } else if (!GoSpecs.samePriorityLevelSpec(spec, want)) {
      errors.invalid("spec", GoSpecs.renderPriorityLevelSpec(spec), "spec of '" + name + "' must equal the fixed value");
    }
  }

  private static boolean present(JsonNode n) {
    return !n.isMissingNode() && !n.isNull();
  }
}
