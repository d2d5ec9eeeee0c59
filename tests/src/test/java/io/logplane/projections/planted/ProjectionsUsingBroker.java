package io.logplane.projections.planted;

/** A planted violation for the architecture test: the broker's classes below the launcher. */
public final class ProjectionsUsingBroker {
  public static String config(kafka.server.KafkaConfig config) {
    return config.toString();
  }
}
