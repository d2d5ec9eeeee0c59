package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The verdict of apply() on one record. */
public sealed interface Outcome {

  /**
   * The record took effect.
   *
   * @param result  the object the request answers with (its new state, or its last state when
   *                deleted, or the unchanged current object for a no-op); null for genesis
   * @param changes every object changed, in order (cascades included); empty for a no-op
   */
  record Accepted(ObjectNode result, List<Change> changes) implements Outcome {}

  /**
   * The precondition did not hold; nothing changed.
   *
   * @param causes the fields at fault, when apply() knows them (an address already allocated)
   */
  record Rejected(Reason reason, String message, List<Cause> causes) implements Outcome {
    public Rejected(Reason reason, String message) {
      this(reason, message, List.of());
    }
  }

  /** A field at fault, as a Kubernetes Status cause: {@code FieldValueInvalid}, its path, what is wrong. */
  record Cause(String reason, String field, String message) {}
}
