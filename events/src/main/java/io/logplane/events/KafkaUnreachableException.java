package io.logplane.events;

/** No broker of the Kafka given answered in time: a wrong address, or a cluster that is down. */
public final class KafkaUnreachableException extends IllegalStateException {

  public KafkaUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
