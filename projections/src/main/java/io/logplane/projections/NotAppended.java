package io.logplane.projections;

/**
 * A proposed command the log did not acknowledge (see {@link Proposals}): it may or may not be
 * in the log, so it is not retried blindly. The cause is the log's error.
 */
public final class NotAppended extends RuntimeException {

  public NotAppended(Throwable cause) {
    super("the log did not accept the write: " + cause.getMessage(), cause);
  }
}
