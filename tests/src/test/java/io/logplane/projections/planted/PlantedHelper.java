package io.logplane.projections.planted;

/** Reached from {@link ImpureMachine} only: what it does is impure. */
final class PlantedHelper {
  static String stamp(String key) {
    return key + System.currentTimeMillis() + java.util.UUID.randomUUID();
  }
}
