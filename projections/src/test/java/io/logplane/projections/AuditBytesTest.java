package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The streamed audit bytes are exactly those of the tree: stores written either way hash alike. */
class AuditBytesTest {

  @Test
  void streamedBytesEqualTreeBytes() {
    Audit full = new Audit(42, 1_700_000_000_123L, "admin", "rid-1", "patch", "core/pods/default/web", false, 409,
        "Conflict", "the object has been modified; \"quoted\" \u00e9\n", 0);
    assertArrayEquals(Json.bytes(full.toJson()), full.toJsonBytes());
    Audit nulls = new Audit(0, 0, null, null, "genesis", "", true, 200, "", "", 3);
    assertArrayEquals(Json.bytes(nulls.toJson()), nulls.toJsonBytes());
  }
}
