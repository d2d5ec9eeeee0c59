package io.logplane.bench;

/** A run that cannot go on, e.g. the namespace cannot be created. */
public final class BenchException extends RuntimeException {
  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
