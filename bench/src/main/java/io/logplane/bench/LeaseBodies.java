package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code kube-scheduler} Lease as client-go's leader election writes it (holderIdentity,
 * leaseDurationSeconds, acquireTime, renewTime as metav1.MicroTime, leaseTransitions). Pure:
 * the time is passed in.
 */
final class LeaseBodies {
  static final String NAMESPACE = "kube-system";
  static final String NAME = "kube-scheduler";
  static final String COLLECTION = "/apis/coordination.k8s.io/v1/namespaces/" + NAMESPACE + "/leases";
  static final String PATH = COLLECTION + "/" + NAME;
  /** client-go's default lease duration, which kube-scheduler and Logplane's elector use. */
  static final int DURATION_SECONDS = 15;

  private static final DateTimeFormatter MICRO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private LeaseBodies() {}

  static String holder(JsonNode lease) {
    return lease.path("spec").path("holderIdentity").asText("");
  }

  /** When the holder last renewed, or the epoch when never. */
  static Instant renewTime(JsonNode lease) {
    String t = lease.path("spec").path("renewTime").asText("");
    return t.isEmpty() ? Instant.EPOCH : Instant.parse(t);
  }

  static int durationSeconds(JsonNode lease) {
    return lease.path("spec").path("leaseDurationSeconds").asInt(DURATION_SECONDS);
  }

  /** Whether a holder other than nobody renewed within its lease duration before {@code now}. */
  static boolean live(JsonNode lease, Instant now) {
    return !holder(lease).isEmpty()
        && now.isBefore(renewTime(lease).plusSeconds(durationSeconds(lease)));
  }

  /** A new Lease held by {@code identity}. */
  static ObjectNode created(String identity, Instant now) {
    ObjectNode lease = Json.MAPPER.createObjectNode()
        .put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
    lease.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE);
    lease.putObject("spec").put("holderIdentity", identity)
        .put("leaseDurationSeconds", DURATION_SECONDS).put("acquireTime", MICRO.format(now))
        .put("renewTime", MICRO.format(now)).put("leaseTransitions", 0);
    return lease;
  }

  /**
   * {@code current} (at its resourceVersion) taken or renewed by {@code identity}: a change of
   * holder sets acquireTime and counts a transition, as client-go does.
   */
  static ObjectNode held(JsonNode current, String identity, Instant now) {
    ObjectNode next = current.deepCopy();
    ObjectNode spec = next.path("spec") instanceof ObjectNode s ? s : next.putObject("spec");
    String before = holder(current);
    if (!identity.equals(before)) {
      spec.put("acquireTime", MICRO.format(now));
      if (!before.isEmpty()) {
        spec.put("leaseTransitions", current.path("spec").path("leaseTransitions").asInt(0) + 1);
      }
    }
    spec.put("holderIdentity", identity).put("leaseDurationSeconds", DURATION_SECONDS)
        .put("renewTime", MICRO.format(now));
    return next;
  }

  /**
   * {@code current} given up, as client-go's ReleaseOnCancel writes it: no holder, a lease of
   * one second, so any elector takes it at its next try.
   */
  static ObjectNode released(JsonNode current, Instant now) {
    ObjectNode next = current.deepCopy();
    ObjectNode spec = next.path("spec") instanceof ObjectNode s ? s : next.putObject("spec");
    spec.put("holderIdentity", "").put("leaseDurationSeconds", 1)
        .put("acquireTime", MICRO.format(now)).put("renewTime", MICRO.format(now));
    return next;
  }
}
