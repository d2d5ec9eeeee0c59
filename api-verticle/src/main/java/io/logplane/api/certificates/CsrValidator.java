package io.logplane.api.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Validators;
import io.logplane.api.validation.GoBase64;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * kube's certificates validation for CertificateSigningRequests (its
 * {@code ValidateCertificateSigningRequestCreate/Update/StatusUpdate/ApprovalUpdate}), with its
 * paths and messages: the request is a signed PKCS#10 PEM, usages are known and unique, the
 * signer name well formed (not the legacy one), {@code expirationSeconds} at least 600,
 * conditions typed, unique, with a valid status, Approved and Denied exclusive,
 * {@code status.certificate} PEM certificates. Updates may not remove Approved, Denied or Failed
 * conditions; only the approval subresource adds or changes Approved/Denied, only the status
 * subresource sets the certificate, and never replaces one. Problems already stored are tolerated,
 * as there. Metadata is checked elsewhere ({@code ObjectMetas}); kube puts no rule on the name.
 */
public final class CsrValidator implements KindValidator {

  static final String GROUP = "certificates.k8s.io";
  static final String RESOURCE = "certificatesigningrequests";
  private static final Set<String> TRUE_ONLY = Set.of(CsrFields.APPROVED, CsrFields.DENIED, CsrFields.FAILED);
  private static final List<String> ONLY_TRUE = List.of("True");
  private static final List<String> ALL_STATUSES = List.of("False", "True", "Unknown");
  private static final String CONDITIONS = "status.conditions";

  /** Registers this validator for certificatesigningrequests in {@link Validators}. */
  public static void register() {
    Validators.register(GROUP, RESOURCE, new CsrValidator());
  }

  @Override
  public void validate(ObjectNode csr, FieldErrors errors) {
    validateObject(csr, ValidationOptions.of(csr, null), errors);
  }

  /** kube's PrepareForUpdate: an update of the object itself keeps the stored spec and status. */
  @Override
  public void prepareUpdate(ObjectNode old, ObjectNode csr) {
    CsrStrategy.prepareUpdate(old, csr);
  }

  /** The update rules only; {@link #validate} checks the object itself, before these (as kube). */
  @Override
  public void validateUpdate(ObjectNode old, ObjectNode csr, FieldErrors errors) {
    updateRules(old, csr, ValidationOptions.of(csr, old), errors);
  }

  @Override
  public boolean updateRulesFirst() {
    return false;
  }

  /**
   * The whole check of a write to the status subresource (object rules, then update rules), as
   * kube's ValidateCertificateSigningRequestStatusUpdate: it may set the certificate once.
   */
  public static void validateStatusUpdate(ObjectNode old, ObjectNode csr, FieldErrors errors) {
    ValidationOptions o = ValidationOptions.of(csr, old).forStatus();
    validateObject(csr, o, errors);
    updateRules(old, csr, o, errors);
  }

  /**
   * The whole check of a write to the approval subresource, as kube's
   * ValidateCertificateSigningRequestApprovalUpdate: it may add or change Approved and Denied.
   */
  public static void validateApprovalUpdate(ObjectNode old, ObjectNode csr, FieldErrors errors) {
    ValidationOptions o = ValidationOptions.of(csr, old).forApproval();
    validateObject(csr, o, errors);
    updateRules(old, csr, o, errors);
  }

  /**
   * What kube-apiserver's decoding refuses before any rule: {@code spec.request} or
   * {@code status.certificate} that is not base64 ({@code []byte} fields). The message is the
   * tail of kube's 400 ({@code illegal base64 data at input byte N}); empty when both decode.
   */
  public static Optional<String> decodingError(JsonNode csr) {
    for (JsonNode field : List.of(csr.path("spec").path("request"), csr.path("status").path("certificate"))) {
      if (field.isTextual()) {
        OptionalInt at = GoBase64.errorOffset(field.textValue());
        if (at.isPresent()) {
          return Optional.of("illegal base64 data at input byte " + at.getAsInt());
        }
      }
    }
    return Optional.empty();
  }

  static void validateObject(JsonNode csr, ValidationOptions o, FieldErrors errors) {
    byte[] request = CsrFields.request(csr);
    requestError(request).ifPresent(e ->
        errors.invalidMessage("spec.request", "Invalid value: " + CsrFields.goBytes(request) + ": " + e));
    List<String> usages = CsrFields.usages(csr);
    if (usages.isEmpty()) {
      errors.required("spec.usages", null);
    }
    if (!o.unknownUsages()) {
      for (int i = 0; i < usages.size(); i++) {
        if (!Usages.isKnown(usages.get(i))) {
          errors.notSupported("spec.usages[" + i + "]", usages.get(i), Usages.KNOWN);
        }
      }
    }
    if (!o.duplicateUsages()) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < usages.size(); i++) {
        if (!seen.add(usages.get(i))) {
          errors.duplicate("spec.usages[" + i + "]", usages.get(i));
        }
      }
    }
    String signer = CsrFields.signerName(csr);
    if (!o.legacySigner() && signer.equals(SignerNames.LEGACY_UNKNOWN)) {
      errors.invalid("spec.signerName", signer, "the legacy signerName is not allowed via this API version");
    } else {
      SignerNames.validate("spec.signerName", signer, errors);
    }
    JsonNode expiration = csr.path("spec").path("expirationSeconds");
    if (expiration.isNumber() && expiration.asLong() < 600) {
      errors.invalid("spec.expirationSeconds", expiration.asLong(),
          "may not specify a duration less than 600 seconds (10 minutes)");
    }
    conditions(csr, o, errors);
    if (!o.arbitraryCertificate()) {
      certificateError(CsrFields.certificate(csr)).ifPresent(e ->
          errors.invalid("status.certificate", "<certificate data>", e));
    }
  }

  /** Why kube refuses a {@code spec.request}: it does not parse, or its signature does not verify. */
  static Optional<String> requestError(byte[] request) {
    try {
      return ParsedCsr.parse(request == null ? new byte[0] : request).checkSignature();
    } catch (ParsedCsr.Invalid e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Why kube refuses a non-empty {@code status.certificate}: not one or more clean CERTIFICATE blocks. */
  static Optional<String> certificateError(byte[] pem) {
    if (pem.length == 0) {
      return Optional.empty();
    }
    List<PemBlocks.Block> blocks = PemBlocks.all(pem);
    for (PemBlocks.Block b : blocks) {
      if (!b.type().equals("CERTIFICATE")) {
        return Optional.of("only CERTIFICATE PEM blocks are allowed, found \"" + b.type() + "\"");
      }
      if (!b.headers().isEmpty()) {
        return Optional.of("no PEM block headers are permitted");
      }
      Optional<String> der = Certificates.derError(b.bytes());
      if (der.isPresent()) {
        return der;
      }
    }
    return blocks.isEmpty() ? Optional.of("must contain at least one CERTIFICATE PEM block") : Optional.empty();
  }

  private static void conditions(JsonNode csr, ValidationOptions o, FieldErrors errors) {
    Set<String> seen = new HashSet<>();
    boolean approved = false;
    boolean denied = false;
    List<JsonNode> conditions = CsrFields.conditions(csr);
    for (int i = 0; i < conditions.size(); i++) {
      String at = CONDITIONS + "[" + i + "]";
      String type = CsrFields.type(conditions.get(i));
      String status = CsrFields.status(conditions.get(i));
      if (!o.emptyConditionType() && type.isEmpty()) {
        errors.required(at + ".type", null);
      }
      List<String> allowed = TRUE_ONLY.contains(type) ? ONLY_TRUE : ALL_STATUSES;
      if (status.isEmpty()) {
        errors.required(at + ".status", null);
      } else if (!allowed.contains(status)) {
        errors.notSupported(at + ".status", status, allowed);
      }
      if (!o.approvedAndDenied()) {
        if (type.equals(CsrFields.APPROVED)) {
          approved = true;
        } else if (type.equals(CsrFields.DENIED)) {
          denied = true;
        }
        if ((type.equals(CsrFields.APPROVED) && denied) || (type.equals(CsrFields.DENIED) && approved)) {
          errors.invalid(at + ".type", type, "Approved and Denied conditions are mutually exclusive");
        }
      }
      if (!o.duplicateConditionTypes() && !seen.add(type)) {
        errors.duplicate(at + ".type", type);
      }
    }
  }

  static void updateRules(JsonNode old, JsonNode csr, ValidationOptions o, FieldErrors errors) {
    for (String t : List.of(CsrFields.APPROVED, CsrFields.DENIED, CsrFields.FAILED)) {
      if (CsrFields.ofType(csr, t).size() < CsrFields.ofType(old, t).size()) {
        errors.forbidden(CONDITIONS, "updates may not remove a condition of type \"" + t + "\"");
      }
    }
    if (!o.settingApproval()) {
      for (String t : List.of(CsrFields.APPROVED, CsrFields.DENIED)) {
        List<JsonNode> before = CsrFields.ofType(old, t);
        List<JsonNode> after = CsrFields.ofType(csr, t);
        if (after.size() > before.size()) {
          errors.forbidden(CONDITIONS, "updates may not add a condition of type \"" + t + "\"");
        } else if (after.size() == before.size() && !ConditionDiff.equal(before, after)) {
          errors.forbidden(CONDITIONS, "updates may not modify a condition of type \"" + t + "\"\n"
              + ConditionDiff.diff(before, after));
        }
      }
    }
    byte[] before = CsrFields.certificate(old);
    if (!Arrays.equals(before, CsrFields.certificate(csr))) {
      if (!o.settingCertificate()) {
        errors.forbidden("status.certificate", "updates may not set certificate content");
      } else if (before.length > 0) {
        errors.forbidden("status.certificate", "updates may not modify existing certificate content");
      }
    }
  }
}
