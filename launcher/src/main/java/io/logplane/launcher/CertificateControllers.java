package io.logplane.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.Pki;
import io.logplane.api.auth.User;
import io.logplane.api.certificates.CsrApproval;
import io.logplane.api.certificates.CsrSigner;
import io.logplane.api.certificates.SignOutcome;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.certificates.CertificateController;
import io.logplane.projections.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate controller with this server's decisions: a request is approved as kube's
 * {@code csrapproving} approves kubelet client requests (one the requester may make, as a
 * SubjectAccessReview of {@code certificatesigningrequests/nodeclient} or {@code selfnodeclient}
 * says), and signed from the cluster CA ({@link CsrSigner}) for the signers kube's
 * {@code csrsigning} runs.
 */
final class CertificateControllers {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateControllers.class);

  private CertificateControllers() {}

  static Controller controller(ControllerContext ctx, Authorizer authorizer, Pki pki) {
    CsrSigner signer = new CsrSigner(pki.ca(), pki.caKey(), Clock.systemUTC());
    return CertificateController.controller(ctx, csr -> approval(authorizer, csr), csr -> sign(signer, csr));
  }

  static Optional<ObjectNode> approval(Authorizer authorizer, ObjectNode csr) {
    if (!CsrApproval.awaitsDecision(csr)) {
      return Optional.empty();
    }
    List<CsrApproval.Recognizer> recognized = CsrApproval.recognize(csr);
    User requester = requester(csr.path("spec"));
    if (recognized.isEmpty() || requester == null) {
      return Optional.empty();
    }
    for (CsrApproval.Recognizer r : recognized) {
      Authorizer.Attributes asked = new Authorizer.Attributes(CsrApproval.VERB, CsrApproval.GROUP, CsrApproval.RESOURCE,
          r.subresource(), "", "", null);
      if (authorizer.authorize(requester, asked).allowed()) {
        return Optional.of(r.approvedCondition(Instant.now()));
      }
    }
    LOG.info("{}", CsrApproval.notApprovedMessage(csr.path("metadata").path("name").asText(), recognized));
    return Optional.empty();
  }

  static Optional<ObjectNode> sign(CsrSigner signer, ObjectNode csr) {
    SignOutcome outcome = signer.sign(csr);
    ObjectNode status = csr.path("status").isObject() ? csr.get("status").deepCopy() : Json.MAPPER.createObjectNode();
    if (outcome instanceof SignOutcome.Issued issued) {
      return Optional.of(status.put("certificate", issued.statusCertificate()));
    }
    if (outcome instanceof SignOutcome.Failed failed) {
      (status.get("conditions") instanceof ArrayNode c ? c : status.putArray("conditions")).add(failed.condition());
      return Optional.of(status);
    }
    if (outcome instanceof SignOutcome.Retry retry) {
      LOG.warn("{}", retry.message());
    }
    return Optional.empty(); // another signer's, or nothing to do
  }

  /** Who asked, as the request records it; null when it records no one. */
  private static User requester(JsonNode spec) {
    String name = spec.path("username").asText("");
    if (name.isBlank()) {
      return null;
    }
    List<String> groups = new ArrayList<>();
    spec.path("groups").forEach(g -> groups.add(g.asText()));
    Map<String, List<String>> extra = new LinkedHashMap<>();
    spec.path("extra").fields().forEachRemaining(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      extra.put(e.getKey(), values);
    });
    return new User(name, groups, spec.path("uid").asText(""), extra);
  }
}
