package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * The streamed audit bytes are exactly those of the tree (stores written either way hash
 * alike), and an entry names the subresource its request named.
 */
class AuditBytesTest {

  @Test
  void streamedBytesEqualTreeBytes() {
    Audit full = new Audit(42, 1_700_000_000_123L, "admin", "rid-1", "patch", "core/pods/default/web", false, 409,
        "Conflict", "the object has been modified; \"quoted\" \u00e9\n", 0);
    assertArrayEquals(Json.bytes(full.toJson()), full.toJsonBytes());
    Audit nulls = new Audit(0, 0, null, null, "genesis", "", true, 200, "", "", 3);
    assertArrayEquals(Json.bytes(nulls.toJson()), nulls.toJsonBytes());
    Audit scale = new Audit(7, 1, "admin", "r", "patch", "apps/deployments/ns/web", true, 200, "", "", 1, "scale");
    assertArrayEquals(Json.bytes(scale.toJson()), scale.toJsonBytes());
    org.junit.jupiter.api.Assertions.assertEquals(scale, Audit.fromJson(scale.toJson()));
  }

  @Test
  void theSubresourceComesFromTheRequestOrTheUpdate() {
    var accepted = new Outcome.Accepted(null, java.util.List.of());
    io.logplane.events.Command scale = new io.logplane.events.Command.Update(
        new io.logplane.events.Command.Meta("a", "r", 1, "patch", "scale"), "apps/deployments/ns/web", 0, "", null);
    org.junit.jupiter.api.Assertions.assertEquals("scale", Audit.of(7, scale, accepted).subresource());
    io.logplane.events.Command status = new io.logplane.events.Command.Update(
        new io.logplane.events.Command.Meta("a", "r", 1), "core/pods/ns/p", 0, "status", null);
    org.junit.jupiter.api.Assertions.assertEquals("status", Audit.of(8, status, accepted).subresource());
    io.logplane.events.Command plain = new io.logplane.events.Command.Update(
        new io.logplane.events.Command.Meta("a", "r", 1, "update"), "core/pods/ns/p", 0, "", null);
    org.junit.jupiter.api.Assertions.assertEquals("", Audit.of(9, plain, accepted).subresource());
  }
}
