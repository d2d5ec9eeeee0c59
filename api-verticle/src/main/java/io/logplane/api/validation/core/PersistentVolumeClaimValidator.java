package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.LabelSelectors;
import io.logplane.api.validation.Names;
import io.logplane.projections.Quantity;
import java.math.BigDecimal;
import java.util.List;

/**
 * A PersistentVolumeClaim as ValidatePersistentVolumeClaim(Update) checks it: access modes (and
 * ReadWriteOncePod alone), a positive storage request, the class name and volume mode, the data
 * sources; on update a spec that only changes as {@link ClaimUpdates} allows.
 */
final class PersistentVolumeClaimValidator implements KindValidator {

  static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce",
      "ReadWriteOncePod");
  static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");

  @Override
  public void validate(ObjectNode claim, FieldErrors errors) {
    JsonNode spec = claim.path("spec");
    JsonNode modes = spec.path("accessModes");
    if (modes.isEmpty()) {
      errors.required("spec.accessModes", "at least 1 access mode is required");
    }
    if (spec.hasNonNull("selector")) {
      LabelSelectors.validate(spec.get("selector"), "spec.selector", errors);
    }
    boolean oncePod = false;
    boolean others = false;
    for (JsonNode m : modes) {
      String mode = m.asText();
      if (!ACCESS_MODES.contains(mode)) {
        errors.notSupported("spec.accessModes", mode, ACCESS_MODES);
      }
      oncePod |= mode.equals("ReadWriteOncePod");
      others |= ACCESS_MODES.contains(mode) && !mode.equals("ReadWriteOncePod");
    }
    if (oncePod && others) {
      errors.forbidden("spec.accessModes", "may not use ReadWriteOncePod with other access modes");
    }
    JsonNode storage = spec.path("resources").path("requests").get("storage");
    String path = "spec.resources[storage]";
    if (storage == null) {
      errors.required(path, null);
    } else {
      BigDecimal amount = Quantity.parse(storage).map(Quantity::value).orElse(BigDecimal.ONE);
      if (amount.signum() <= 0) {
        errors.invalid(path, Quantity.canonical(storage.asText()), "must be greater than zero");
      }
    }
    String storageClass = spec.path("storageClassName").asText("");
    if (spec.hasNonNull("storageClassName") && !storageClass.isEmpty()) {
      Names.check(Names.isDns1123Subdomain(storageClass), "spec.storageClassName", storageClass, errors);
    }
    if (spec.hasNonNull("volumeMode") && !VOLUME_MODES.contains(spec.get("volumeMode").asText())) {
      errors.notSupported("spec.volumeMode", spec.get("volumeMode").asText(), VOLUME_MODES);
    }
    ClaimSources.validate(spec, errors);
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode claim, FieldErrors errors) {
    ClaimUpdates.check(old, claim, errors);
  }

  /** ValidatePersistentVolumeClaimUpdate has the claim's own errors first. */
  @Override
  public boolean updateRulesFirst() {
    return false;
  }
}
