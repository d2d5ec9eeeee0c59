package io.logplane.projections.planted;

/** A planted violation for the architecture test: a core whose helper reads the clock and makes uids. */
public final class ImpureMachine {
  public static String apply(String key) {
    return PlantedHelper.stamp(key);
  }
}
