package io.logplane.api.planted;

/** A planted violation for the architecture test: one verticle using another. */
public final class ApiUsingAController {
  public static int queued(io.logplane.controllers.WorkQueue queue) {
    return queue.size();
  }
}
