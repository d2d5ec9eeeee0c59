package io.logplane.launcher;

import io.logplane.api.admission.SecretCipher;
import io.logplane.projections.Change;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.projections.Projection;
import io.logplane.projections.Store;
import io.logplane.projections.Metadata;
import java.util.HashSet;
import java.util.Set;

/**
 * Crypto-shredding: destroys the data key of every Secret the log deletes (directly or by a
 * namespace or owner cascade). At start, keys of Secrets deleted while the server was down are
 * destroyed too.
 */
final class SecretKeys {

  static final String PREFIX = "core/secrets/";

  private SecretKeys() {}

  static void follow(Projection projection, SecretCipher cipher) {
    long at;
    Set<String> live = new HashSet<>();
    try (Store.Snapshot snap = projection.store().snapshot()) {
      at = snap.appliedOffset();
      snap.scan(PREFIX, null, (key, json) -> live.add(Metadata.uid(Json.object(json))));
    }
    for (String uid : cipher.uidsWithKeys()) {
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
