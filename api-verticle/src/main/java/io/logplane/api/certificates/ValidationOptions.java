package io.logplane.api.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one write path may do, and what it tolerates because the stored object already has it
 * (kube's {@code certificateValidationOptions}): data that passed older rules stays writable.
 */
record ValidationOptions(boolean settingApproval, boolean settingCertificate, boolean approvedAndDenied,
    boolean legacySigner, boolean duplicateConditionTypes, boolean emptyConditionType,
    boolean arbitraryCertificate, boolean unknownUsages, boolean duplicateUsages) {

  /** The options of a create ({@code old} null) or of an update of {@code old}. */
  static ValidationOptions of(JsonNode csr, JsonNode old) {
    if (old == null) {
      return new ValidationOptions(false, false, false, false, false, false, false, false, false);
    }
    List<String> types = CsrFields.conditions(old).stream().map(CsrFields::type).toList();
    List<String> usages = CsrFields.usages(old);
    boolean sameCertificate = Arrays.equals(CsrFields.certificate(csr), CsrFields.certificate(old));
    return new ValidationOptions(false, false,
        types.contains(CsrFields.APPROVED) && types.contains(CsrFields.DENIED),
        CsrFields.signerName(old).equals(SignerNames.LEGACY_UNKNOWN),
        hasDuplicates(types),
        types.contains(""),
        sameCertificate || CsrValidator.certificateError(CsrFields.certificate(old)).isPresent(),
        usages.stream().anyMatch(u -> !Usages.isKnown(u)),
        hasDuplicates(usages));
  }

  /** The status subresource's: it may set {@code status.certificate}. */
  ValidationOptions forStatus() {
    return new ValidationOptions(settingApproval, true, approvedAndDenied, legacySigner, duplicateConditionTypes,
        emptyConditionType, arbitraryCertificate, unknownUsages, duplicateUsages);
  }

  /** The approval subresource's: it may add and change Approved and Denied conditions. */
  ValidationOptions forApproval() {
    return new ValidationOptions(true, settingCertificate, approvedAndDenied, legacySigner, duplicateConditionTypes,
        emptyConditionType, arbitraryCertificate, unknownUsages, duplicateUsages);
  }

  private static boolean hasDuplicates(List<String> values) {
    Set<String> seen = new HashSet<>();
    return !values.stream().allMatch(seen::add);
  }
}
