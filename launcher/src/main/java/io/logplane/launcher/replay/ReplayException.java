package io.logplane.launcher.replay;

/** An expected failure of a replay (bad target, empty log, unusable output): shown as it is. */
public final class ReplayException extends RuntimeException {

  public ReplayException(String message) {
    super(message);
  }

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
