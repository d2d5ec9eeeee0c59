package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.User;
import io.logplane.api.certificates.CsrStrategy;
import io.logplane.api.certificates.CsrValidator;
import io.logplane.api.rbac.Escalation;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.validation.FieldErrors;
import io.logplane.projections.Metadata;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What kube-apiserver's CSR strategy and its certificate admission plugins do to a
 * CertificateSigningRequest written: a created request is its requester's (its spec.username,
 * uid, groups and extra are theirs, whatever the body says); an update of {@code approval} or
 * {@code status} changes that part only, is validated as kube validates it, and needs
 * {@code approve} (any approval) or {@code sign} (a certificate set) on the request's signer.
 */
final class CertificateAdmission {

  static final String GROUP = "certificates.k8s.io";

  private CertificateAdmission() {}

  static boolean isCsr(ResourceType t) {
    return t.group().equals(GROUP) && t.resource().equals("certificatesigningrequests");
  }

  /** kube's PrepareForCreate: the requester's identity, an empty status. */
  static void create(Call call, ObjectNode csr) {
    User user = call.user();
    CsrStrategy.prepareCreate(csr, user == null ? "" : user.name(), user == null ? "" : user.uid(),
        user == null ? List.of() : user.groups(), user == null ? Map.of() : user.extra());
  }

  /** An update of the {@code approval} or {@code status} subresource. */
  static void subresource(Call call, Escalation escalation, ObjectNode current, ObjectNode csr) {
    String sub = call.info().subresource();
    FieldErrors errors = new FieldErrors();
    boolean approval = "approval".equals(sub);
    if (approval) {
      CsrStrategy.prepareApprovalUpdate(current, csr, Instant.now());
      CsrValidator.validateApprovalUpdate(current, csr, errors);
    } else {
      CsrStrategy.prepareStatusUpdate(current, csr, Instant.now());
      CsrValidator.validateStatusUpdate(current, csr, errors);
    }
    String name = Metadata.text(current, "name");
    if (!errors.isEmpty()) {
      throw errors.toException(GROUP, "CertificateSigningRequest", name);
    }
    String signer = current.path("spec").path("signerName").asText("");
    if (approval) {
      escalation.signerPermission(call.user(), "approve", name, signer);
    } else if (!current.path("status").path("certificate").equals(csr.path("status").path("certificate"))) {
      escalation.signerPermission(call.user(), "sign", name, signer);
    }
  }
}
