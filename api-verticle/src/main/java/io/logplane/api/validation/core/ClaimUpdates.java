package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.workloads.Fields;
import io.logplane.projections.Quantity;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * ValidatePersistentVolumeClaimUpdate: a claim's spec is immutable (claims are how quota and
 * limit ranges are enforced), but for a volumeName set once, a storage class set where there was
 * none (or named by the old beta annotation), and a larger storage request of a bound claim.
 */
final class ClaimUpdates {

  static final String CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

  private ClaimUpdates() {}

  static void check(ObjectNode old, ObjectNode claim, FieldErrors errors) {
    ObjectNode before = old.path("spec") instanceof ObjectNode s ? s.deepCopy() : old.objectNode();
    ObjectNode after = claim.path("spec") instanceof ObjectNode s ? s.deepCopy() : claim.objectNode();
    if (text(before, "volumeName") == null) {
      copy(after, before, "volumeName");
    }
    String oldAnnotation = text(old.path("metadata").path("annotations"), CLASS_ANNOTATION);
    String newAnnotation = text(claim.path("metadata").path("annotations"), CLASS_ANNOTATION);
    boolean oldHasAnnotation = old.path("metadata").path("annotations").has(CLASS_ANNOTATION);
    String oldClass = nullable(before, "storageClassName");
    String newClass = nullable(after, "storageClassName");
    boolean fromAnnotation = oldHasAnnotation && oldClass == null && newClass != null && newClass.equals(oldAnnotation)
        && (newAnnotation == null || newAnnotation.equals(oldAnnotation));
    if (fromAnnotation) {
      after.remove("storageClassName");
    } else {
      if (!Objects.equals(oldAnnotation, newAnnotation)) {
        errors.invalid("metadata.annotations." + CLASS_ANNOTATION, newAnnotation == null ? "" : newAnnotation,
            "field is immutable");
      }
      if (newClass != null && oldClass == null && (!oldHasAnnotation || newClass.equals(oldAnnotation))) {
        after.remove("storageClassName");
      }
    }
    JsonNode oldStorage = old.path("spec").path("resources").path("requests").path("storage");
    if (claim.path("status").path("phase").asText("").equals("Bound")
        && after.path("resources").path("requests") instanceof ObjectNode requests) {
      requests.set("storage", oldStorage.deepCopy());
    }
    if (!Fields.same(quantities(before), quantities(after))) {
      errors.forbidden("spec", "spec is immutable after creation except resources.requests for bound claims");
    }
    BigDecimal oldSize = Quantity.parse(oldStorage.isMissingNode() ? null : oldStorage).map(Quantity::value).orElse(BigDecimal.ZERO);
    JsonNode newStorage = claim.path("spec").path("resources").path("requests").path("storage");
    BigDecimal newSize = Quantity.parse(newStorage.isMissingNode() ? null : newStorage).map(Quantity::value).orElse(BigDecimal.ZERO);
    if (newSize.compareTo(oldSize) < 0) {
      errors.forbidden("spec.resources.requests.storage", "field can not be less than previous value");
    }
    if (!Objects.equals(text(old.path("spec"), "volumeMode"), text(claim.path("spec"), "volumeMode"))) {
      errors.invalid("volumeMode", claim.path("spec").path("volumeMode"), "field is immutable");
    }
  }

  /** The spec with its quantities written one way, as semantic equality compares them. */
  private static JsonNode quantities(ObjectNode spec) {
    for (String list : new String[] {"requests", "limits"}) {
      if (spec.path("resources").path(list) instanceof ObjectNode map) {
        for (String k : ResourceQuotaValidator.fields(map).stream().map(java.util.Map.Entry::getKey).toList()) {
          map.put(k, Quantity.parse(map.get(k)).map(Quantity::value).map(BigDecimal::stripTrailingZeros).map(BigDecimal::toPlainString)
              .orElse(map.get(k).asText()));
        }
      }
    }
    return spec;
  }

  private static void copy(ObjectNode from, ObjectNode to, String field) {
    if (from.has(field)) {
      to.set(field, from.get(field));
    } else {
      to.remove(field);
    }
  }

  /** A pointer field: null when absent or null, else its text (which may be empty). */
  private static String nullable(JsonNode spec, String field) {
    JsonNode n = spec.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static String text(JsonNode parent, String field) {
    String v = nullable(parent, field);
    return v == null || v.isEmpty() ? null : v;
  }
}
