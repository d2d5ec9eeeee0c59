package io.logplane.node.internal.agent;

import java.time.Duration;
import java.time.Instant;

/**
 * When a node writes its liveness, as the kubelet does with node leases on: the Lease every
 * 10 s (a quarter of its 40 s duration), the Node status only when it changed or every 5
 * minutes. Time is given, never read, so the timing is tested with a made-up clock.
 */
public final class Heartbeat {
  public static final Duration LEASE_RENEW = Duration.ofSeconds(LeaseObject.DURATION_SECONDS / 4);
  public static final Duration STATUS_REPORT = Duration.ofMinutes(5);

  private Instant leaseRenewed;
  private Instant statusReported;

  /** Whether the Lease is to be renewed at {@code now} (at once, when never renewed). */
  public boolean leaseDue(Instant now) {
    return leaseRenewed == null || !now.isBefore(leaseRenewed.plus(LEASE_RENEW));
  }

  /** Whether the Node status is to be reported at {@code now}, given whether it changed. */
  public boolean statusDue(Instant now, boolean changed) {
    return changed || statusReported == null
        || !now.isBefore(statusReported.plus(STATUS_REPORT));
  }

  public void leaseRenewed(Instant at) {
    leaseRenewed = at;
  }

  public void statusReported(Instant at) {
    statusReported = at;
  }
}
