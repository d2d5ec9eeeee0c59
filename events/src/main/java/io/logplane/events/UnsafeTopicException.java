package io.logplane.events;

/**
 * A log topic that is there but could lose writes Kafka acknowledged (retention, compaction, too
 * few replicas or in-sync replicas, unclean leader election, several partitions): the message
 * says which setting, and the command that fixes it, in one line.
 */
public final class UnsafeTopicException extends IllegalStateException {

  public UnsafeTopicException(String message) {
    super(message);
  }
}
