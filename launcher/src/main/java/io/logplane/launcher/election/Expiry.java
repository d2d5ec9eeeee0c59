package io.logplane.launcher.election;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When another holder's Lease may be taken. As client-go, a holder counts as alive until a
 * lease duration has passed on this replica's own clock since the Lease last changed (so clock
 * skew between machines does not matter); and a Lease whose renewTime lies more than two
 * durations back is taken at once (a server started again after a kill does not wait out a
 * Lease its predecessor stopped renewing long ago, unless the clocks are that far apart).
 */
final class Expiry {

  private String seenVersion;
  private Instant seenAt;

  /** Notes the Lease as read now: its resourceVersion changing restarts the holder's time. */
  void observe(JsonNode lease, Instant now) {
    String v = lease == null ? null : lease.path("metadata").path("resourceVersion").asText();
    if (!Objects.equals(v, seenVersion) || seenAt == null) {
      seenVersion = v;
      seenAt = now;
    }
  }

  /** Whether {@code lease}, held by someone else, may be taken now. */
  boolean expired(JsonNode lease, Instant now) {
    if (LeaseRecord.holder(lease).isEmpty()) {
      return true;
    }
    Duration duration = Duration.ofSeconds(lease.path("spec").path("leaseDurationSeconds").asLong(15));
    return !now.isBefore(seenAt.plus(duration))
        || !now.isBefore(LeaseRecord.renewTime(lease).plus(duration.multipliedBy(2)));
  }
}
