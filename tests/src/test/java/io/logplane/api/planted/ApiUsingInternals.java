package io.logplane.api.planted;

/** A planted violation for the architecture test: another module's internal package. */
public final class ApiUsingInternals {
  public static String name(io.logplane.projections.internal.Overlay overlay) {
    return overlay.toString();
  }
}
