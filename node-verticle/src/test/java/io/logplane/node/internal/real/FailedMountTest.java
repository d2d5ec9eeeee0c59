package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** FailedMount is said once the kubelet's timeout passed, in its words. */
class FailedMountTest {

  private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void saidOnlyAfterTheKubeletsTimeout() {
    assertNull(FailedMount.message("data", SINCE, SINCE.plusSeconds(122)));
    assertNull(FailedMount.message(null, SINCE, SINCE.plusSeconds(600)));
    assertEquals("Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to"
        + " process volumes=[data]: context deadline exceeded", FailedMount.message("data", SINCE, SINCE.plusSeconds(123)));
  }
}
