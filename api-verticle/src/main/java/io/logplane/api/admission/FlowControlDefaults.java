package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The defaults of flowcontrol.apiserver.k8s.io/v1beta3, as kube 1.28's {@code SetDefaults_*} of
 * that version: a FlowSchema matches at precedence 1000 (its distinguisher method is left as
 * given); a limited priority level has 30 nominal shares, lends none, and queues in 64 queues
 * with hands of 8 and 50 requests a queue; an exempt level's shares and lendable percent are 0.
 * A zero is replaced as an absent value is, as Go cannot tell them apart for plain integers.
 */
final class FlowControlDefaults {

  static final int MATCHING_PRECEDENCE = 1000;
  static final int NOMINAL_CONCURRENCY_SHARES = 30;
  static final int QUEUES = 64;
  static final int HAND_SIZE = 8;
  static final int QUEUE_LENGTH_LIMIT = 50;

  private FlowControlDefaults() {}

  static void flowSchema(ObjectNode o) {
    JsonNode spec = o.get("spec");
    if (spec == null || spec.isNull()) {
      spec = o.putObject("spec");
    }
    if (spec instanceof ObjectNode s) {
      zeroTo(s, "matchingPrecedence", MATCHING_PRECEDENCE);
    }
  }

  static void priorityLevel(ObjectNode o) {
    JsonNode spec = o.path("spec");
    if (spec.get("limited") instanceof ObjectNode limited) {
      zeroTo(limited, "nominalConcurrencyShares", NOMINAL_CONCURRENCY_SHARES);
      nullTo(limited, "lendablePercent", 0);
      if (limited.path("limitResponse").get("queuing") instanceof ObjectNode queuing) {
        zeroTo(queuing, "handSize", HAND_SIZE);
        zeroTo(queuing, "queues", QUEUES);
        zeroTo(queuing, "queueLengthLimit", QUEUE_LENGTH_LIMIT);
      }
    }
    if (spec.get("exempt") instanceof ObjectNode exempt) {
      nullTo(exempt, "nominalConcurrencyShares", 0);
      nullTo(exempt, "lendablePercent", 0);
    }
  }

  /** A plain Go integer: absent, null and 0 are the same value, defaulted alike. */
  private static void zeroTo(ObjectNode o, String field, int value) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull() || v.isNumber() && v.asLong() == 0) {
      o.put(field, value);
    }
  }

  /** A Go pointer: only nil is defaulted. */
  private static void nullTo(ObjectNode o, String field, int value) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      o.put(field, value);
    }
  }
}
