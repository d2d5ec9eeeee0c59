package io.logplane.api.certificates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What {@link CsrSigner#sign} decided for one request; the controller writes it through the
 * status subresource (or writes nothing), as kube's signing controller does.
 */
public sealed interface SignOutcome {

  /** Signed: {@code status.certificate} becomes this PEM certificate. */
  record Issued(String certificatePem) implements SignOutcome {

    /** The value of {@code status.certificate} in JSON, which holds bytes as base64. */
    public String statusCertificate() {
      return Base64.getEncoder().encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII));
    }
  }

  /**
   * The signer's rules refuse the request: append this condition (type Failed, status True,
   * reason SignerValidationFailure). The request is final; no signer looks at it again.
   */
  record Failed(ObjectNode condition) implements SignOutcome {

    public String message() {
      return condition.path("message").asText("");
    }
  }

  /** Another signer's request (any signer name but the three this one signs for): leave it alone. */
  record NotMine(String signerName) implements SignOutcome {}

  /** Not ready or already done (not approved, denied, failed, or issued): nothing to write. */
  record NothingToDo(String reason) implements SignOutcome {}

  /**
   * kube's signer returns an error here and retries later: the stored request does not parse, or
   * the CA cannot sign now (expired). Nothing is written; the message is kube's.
   */
  record Retry(String message) implements SignOutcome {}
}
