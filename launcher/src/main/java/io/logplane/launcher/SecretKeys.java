package io.logplane.launcher;

import io.logplane.api.admission.SecretCipher;
import io.logplane.projections.Change;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.projections.Projection;
import io.logplane.projections.Store;
import io.logplane.projections.Metadata;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Crypto-shredding: destroys the data key of every Secret the log deletes (directly or by a
 * namespace or owner cascade). At start, keys of Secrets deleted while the server was down are
 * destroyed too.
 */
final class SecretKeys {

  static final String PREFIX = "core/secrets/";
  /** Longer than any write takes from sealing to being applied everywhere. */
  static final Duration IN_FLIGHT = Duration.ofMinutes(10);

  private SecretKeys() {}

  /**
   * Follows the projection's deletes of Secrets. With {@code shared} keys (other servers seal
   * with them too), the keys made in the last {@link #IN_FLIGHT} are left at start: one may be
   * of a Secret another server is writing, not yet in this server's store.
   */
  static void follow(Projection projection, SecretCipher cipher, boolean shared) {
    long at;
    Set<String> live = new HashSet<>();
    try (Store.Snapshot snap = projection.store().snapshot()) {
      at = snap.appliedOffset();
      snap.scan(PREFIX, null, (key, json) -> live.add(Metadata.uid(Json.object(json))));
    }
    Instant madeBefore = shared ? Instant.now().minus(IN_FLIGHT) : Instant.MAX;
    for (String uid : cipher.uidsWithKeys(madeBefore)) {
      if (!live.contains(uid)) {
        cipher.destroy(uid);
      }
    }
    projection.hub().subscribe(at, e -> e.type() == Change.Type.DELETED && e.key().startsWith(PREFIX),
        (events, applied) -> {
          for (Event e : events) {
            String uid = Metadata.uid(e.object());
            if (uid != null) {
              cipher.destroy(uid);
            }
          }
        });
  }
}
