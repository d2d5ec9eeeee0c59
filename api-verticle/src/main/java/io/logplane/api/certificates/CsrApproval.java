package io.logplane.api.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * kube-controller-manager's kubelet client auto-approval ({@code csrapproving}, sarapprove.go):
 * a request for {@code kubernetes.io/kube-apiserver-client-kubelet} that passes the kubelet
 * client rules is a {@code nodeclient} request, and a {@code selfnodeclient} one when its
 * requester is the node it names. The controller asks the authorizer whether the requester may
 * {@code create} that subresource of {@code certificatesigningrequests} in
 * {@code certificates.k8s.io}, self first, and approves on the first yes with
 * {@link Recognizer#approvedCondition}. Also the state tests kube's controllers share.
 */
public final class CsrApproval {

  public static final String GROUP = "certificates.k8s.io";
  public static final String RESOURCE = "certificatesigningrequests";
  public static final String VERB = "create";

  /** The two kinds of request kube approves by itself, in the order it tries them. */
  public enum Recognizer {
    SELF_NODE_CLIENT("selfnodeclient", "Auto approving self kubelet client certificate after SubjectAccessReview."),
    NODE_CLIENT("nodeclient", "Auto approving kubelet client certificate after SubjectAccessReview.");

    private final String subresource;
    private final String message;

    Recognizer(String subresource, String message) {
      this.subresource = subresource;
      this.message = message;
    }

    /** The subresource of certificatesigningrequests the requester must be allowed to create. */
    public String subresource() {
      return subresource;
    }

    /** The Approved condition's message kube writes for this kind. */
    public String message() {
      return message;
    }

    /**
     * The condition to append on approval: type Approved, status True, reason AutoApproved, this
     * kind's message; both times {@code now} (kube's approval strategy sets them on the write).
     */
    public ObjectNode approvedCondition(Instant now) {
      String at = CsrFields.format(now);
      return CsrFields.condition(CsrFields.APPROVED, "True", "AutoApproved", message)
          .put("lastUpdateTime", at).put("lastTransitionTime", at);
    }
  }

  private CsrApproval() {}

  /** kube's isNodeClientCert: the kubelet client signer, and the request passes its rules. */
  public static boolean isNodeClientCsr(JsonNode csr) {
    return parsed(csr).map(p -> isNodeClient(csr, p)).orElse(false);
  }

  /** kube's isSelfNodeClientCert: a node client request whose requester is its subject's CN. */
  public static boolean isSelfNodeClientCsr(JsonNode csr) {
    return parsed(csr).map(p -> CsrFields.username(csr).equals(p.commonName()) && isNodeClient(csr, p))
        .orElse(false);
  }

  /** The kinds {@code csr} is, in kube's order; empty when it is neither (or does not parse). */
  public static List<Recognizer> recognize(JsonNode csr) {
    List<Recognizer> out = new ArrayList<>();
    if (isSelfNodeClientCsr(csr)) {
      out.add(Recognizer.SELF_NODE_CLIENT);
    }
    if (isNodeClientCsr(csr)) {
      out.add(Recognizer.NODE_CLIENT);
    }
    return out;
  }

  /** Whether the approver looks at {@code csr}: no certificate yet, neither Approved nor Denied. */
  public static boolean awaitsDecision(JsonNode csr) {
    return !hasCertificate(csr) && CsrFields.ofType(csr, CsrFields.APPROVED).isEmpty() && !isDenied(csr);
  }

  /**
   * kube's message when every authorization check said no (the controller then waits for the
   * next change instead of retrying).
   */
  public static String notApprovedMessage(String name, List<Recognizer> tried) {
    List<String> subresources = tried.stream().map(Recognizer::subresource).toList();
    return "recognized csr \"" + name + "\" as [" + String.join(" ", subresources)
        + "] but subject access review was not approved";
  }

  /** kube's IsCertificateRequestApproved: an Approved condition and no Denied one. */
  public static boolean isApproved(JsonNode csr) {
    return !CsrFields.ofType(csr, CsrFields.APPROVED).isEmpty() && !isDenied(csr);
  }

  public static boolean isDenied(JsonNode csr) {
    return !CsrFields.ofType(csr, CsrFields.DENIED).isEmpty();
  }

  /** kube's HasTrueCondition(Failed): a Failed condition whose status is True or empty. */
  public static boolean isFailed(JsonNode csr) {
    return CsrFields.ofType(csr, CsrFields.FAILED).stream()
        .map(CsrFields::status).anyMatch(s -> s.isEmpty() || s.equals("True"));
  }

  /** Whether {@code status.certificate} holds anything (the signer has issued). */
  public static boolean hasCertificate(JsonNode csr) {
    return CsrFields.certificate(csr).length > 0;
  }

  /** Appends {@code condition} to {@code status.conditions}, creating what is missing. */
  public static void appendCondition(ObjectNode csr, ObjectNode condition) {
    ObjectNode status = csr.get("status") instanceof ObjectNode s ? s : csr.putObject("status");
    ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
    conditions.add(condition);
  }

  private static boolean isNodeClient(JsonNode csr, ParsedCsr parsed) {
    return CsrFields.signerName(csr).equals(SignerNames.KUBE_APISERVER_CLIENT_KUBELET)
        && SignerRules.kubeletClient(parsed, CsrFields.usages(csr)).isEmpty();
  }

  private static Optional<ParsedCsr> parsed(JsonNode csr) {
    byte[] request = CsrFields.request(csr);
    try {
      return Optional.of(ParsedCsr.parse(request == null ? new byte[0] : request));
    } catch (ParsedCsr.Invalid e) {
      return Optional.empty();
    }
  }
}
