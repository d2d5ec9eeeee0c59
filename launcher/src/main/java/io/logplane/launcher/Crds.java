package io.logplane.launcher;

import io.logplane.api.resources.Registry;
import io.logplane.projections.Change;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.projections.Projection;
import io.logplane.projections.Store;

/** Keeps the registry's custom types in step with the CustomResourceDefinitions in the state. */
public final class Crds {

  static final String PREFIX = "apiextensions.k8s.io/customresourcedefinitions/";

  private Crds() {}

  /** Registers the CRDs of the projection's state, then follows their changes. */
  public static void follow(Projection projection, Registry registry) {
    long at;
    try (Store.Snapshot snap = projection.store().snapshot()) {
      at = snap.appliedOffset();
      snap.scan(PREFIX, null, (key, json) -> {
        registry.putCrd(name(key), Json.object(json));
        return true;
      });
    }
    projection.hub().subscribe(at, e -> e.key().startsWith(PREFIX), (events, applied) -> {
      for (Event e : events) {
        registry.putCrd(name(e.key()), e.type() == Change.Type.DELETED ? null : e.object());
      }
    });
  }

  private static String name(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
