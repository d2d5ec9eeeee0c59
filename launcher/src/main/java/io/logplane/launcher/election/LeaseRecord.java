package io.logplane.launcher.election;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.time.Duration;
import java.time.Instant;

/**
 * The Lease an elector writes, as kube-controller-manager writes it: holderIdentity,
 * leaseDurationSeconds, acquireTime, renewTime (metav1.MicroTime) and leaseTransitions, which
 * counts the changes of holder. Pure: the time is passed in.
 */
final class LeaseRecord {


  private LeaseRecord() {}

  static String holder(JsonNode lease) {
    return lease.path("spec").path("holderIdentity").asText("");
  }

  static Instant renewTime(JsonNode lease) {
    String t = lease.path("spec").path("renewTime").asText("");
    return t.isEmpty() ? Instant.EPOCH : Instant.parse(t);
  }

  /** A new Lease held by {@code identity} from now. */
  static ObjectNode created(String namespace, String name, String identity, Duration duration, Instant now) {
    ObjectNode lease = JsonNodeFactory.instance.objectNode();
    lease.put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
    lease.putObject("metadata").put("name", name).put("namespace", namespace);
    ObjectNode spec = lease.putObject("spec");
    spec.put("holderIdentity", identity).put("leaseDurationSeconds", duration.toSeconds())
        .put("acquireTime", Metadata.microTime(now)).put("renewTime", Metadata.microTime(now)).put("leaseTransitions", 0);
    return lease;
  }

  /**
   * The current Lease taken or renewed by {@code identity} (a copy, at the current
   * resourceVersion): a new holder sets acquireTime and counts a transition.
   */
  static ObjectNode held(JsonNode current, String identity, Duration duration, Instant now) {
    ObjectNode next = current.deepCopy();
    ObjectNode spec = next.path("spec") instanceof ObjectNode s ? s : next.putObject("spec");
    if (!identity.equals(holder(current))) {
      spec.put("acquireTime", Metadata.microTime(now));
      if (!holder(current).isEmpty()) {
        spec.put("leaseTransitions", current.path("spec").path("leaseTransitions").asInt(0) + 1);
      }
    }
    spec.put("holderIdentity", identity).put("leaseDurationSeconds", duration.toSeconds())
        .put("renewTime", Metadata.microTime(now));
    return next;
  }

  /**
   * The current Lease given up by its holder on a clean stop, as client-go's ReleaseOnCancel:
   * no holder, so the next replica (or this one started again) takes it at once.
   */
  static ObjectNode released(JsonNode current, Instant now) {
    ObjectNode next = current.deepCopy();
    ObjectNode spec = (ObjectNode) next.get("spec");
    spec.put("holderIdentity", "").put("leaseDurationSeconds", 1).put("renewTime", Metadata.microTime(now));
    return next;
  }
}
