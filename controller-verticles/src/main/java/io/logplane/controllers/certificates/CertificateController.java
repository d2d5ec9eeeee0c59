package io.logplane.controllers.certificates;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Controller;
import io.logplane.controllers.ControllerContext;
import io.logplane.controllers.Reconciler;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * kube's {@code csrapproving} and {@code csrsigning} controllers over the CertificateSigningRequests,
 * writing as {@code certificate-controller}: a request neither approved nor denied gets the
 * approver's Approved condition when it gives one (it appends it through the {@code approval}
 * subresource); an approved request without a certificate and without a Failed condition gets
 * what the signer makes of it (through {@code status}): the certificate, or a Failed condition.
 * What to approve and how to sign are the API's ({@link Approver}, {@link Signer}), given by the
 * server that runs this controller and holds the CA.
 */
public final class CertificateController implements Reconciler {

  public static final String CSRS = "certificates.k8s.io/certificatesigningrequests/";

  /** The Approved condition for a request this cluster approves by itself, or empty. */
  @FunctionalInterface
  public interface Approver {
    Optional<ObjectNode> approval(ObjectNode csr);
  }

  /**
   * The status to write for an approved request (its {@code certificate}, or its conditions with a
   * Failed one added), or empty when the request is for a signer this cluster does not run.
   */
  @FunctionalInterface
  public interface Signer {
    Optional<ObjectNode> sign(ObjectNode csr);
  }

  private final Informer csrs;
  private final ObjectWriter writer;
  private final Approver approver;
  private final Signer signer;

  private CertificateController(ControllerContext ctx, Approver approver, Signer signer) {
    this.csrs = ctx.informers().informer(CSRS);
    this.writer = ctx.writer("certificate-controller");
    this.approver = approver;
    this.signer = signer;
  }

  public static Controller controller(ControllerContext ctx, Approver approver, Signer signer) {
    return Controller.named("certificatesigningrequest").reconciles(CSRS)
        .build(new CertificateController(ctx, approver, signer));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode csr = csrs.get(key);
    if (csr == null || has(csr, "Denied") || has(csr, "Failed")) {
      return Result.DONE;
    }
    try {
      if (!has(csr, "Approved")) {
        Optional<ObjectNode> approval = approver.approval(csr);
        if (approval.isPresent()) {
          ObjectNode next = csr.deepCopy();
          ObjectNode status = next.get("status") instanceof ObjectNode s ? s : next.putObject("status");
          ArrayNode conditions = status.get("conditions") instanceof ArrayNode c ? c : status.putArray("conditions");
          conditions.add(approval.get());
          writer.updateSubresource(Key.parse(key), "approval", next).join();
        }
        return Result.DONE; // once approved, the write wakes this controller again to sign
      }
      if (csr.path("status").hasNonNull("certificate")) {
        return Result.DONE;
      }
      Optional<ObjectNode> signed = signer.sign(csr);
      if (signed.isPresent()) {
        ObjectNode next = csr.deepCopy();
        next.set("status", signed.get());
        writer.updateStatus(Key.parse(key), next).join();
      }
    } catch (CompletionException e) {
      // changed meanwhile: the change's own event brings the request back
      if (!(e.getCause() instanceof WriteRefused)) {
        throw e;
      }
    }
    return Result.DONE;
  }

  private static boolean has(ObjectNode csr, String type) {
    for (var c : csr.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText()) && "True".equals(c.path("status").asText("True"))) {
        return true;
      }
    }
    return false;
  }
}
