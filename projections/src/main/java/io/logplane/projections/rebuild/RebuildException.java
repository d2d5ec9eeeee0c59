package io.logplane.projections.rebuild;

/** An expected failure of a rebuild (an unreadable changelog, an interrupted load): shown as it is. */
public final class RebuildException extends RuntimeException {

  public RebuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
