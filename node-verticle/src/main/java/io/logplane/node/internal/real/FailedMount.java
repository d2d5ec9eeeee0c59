package io.logplane.node.internal.real;

import java.time.Duration;
import java.time.Instant;

/**
 * The kubelet's FailedMount message: once a pod waited {@link #TIMEOUT} (its
 * {@code podAttachAndMountTimeout}) for a volume that cannot be set up (a claim not bound yet),
 * {@code WaitForAttachAndMount}'s error as the kubelet words it. Such a volume never reaches the
 * kubelet's desired state of the world, so it is unmounted and failed to process, not unattached.
 */
final class FailedMount {

  static final Duration TIMEOUT = Duration.ofMinutes(2).plusSeconds(3);

  private FailedMount() {}

  /** The message, or null while the pod has not waited that long (or waits for no volume). */
  static String message(String volume, Instant since, Instant now) {
    if (volume == null || since == null || now.isBefore(since.plus(TIMEOUT))) {
      return null;
    }
    return "Unable to attach or mount volumes: unmounted volumes=[" + volume + "], unattached volumes=[],"
        + " failed to process volumes=[" + volume + "]: context deadline exceeded";
  }
}
