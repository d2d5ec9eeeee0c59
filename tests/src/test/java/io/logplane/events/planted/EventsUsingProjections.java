package io.logplane.events.planted;

/** A planted violation for the architecture test: the log using what is built on it. */
public final class EventsUsingProjections {
  public static long applied(io.logplane.projections.Projection projection) {
    return projection.appliedOffset();
  }
}
