package io.logplane.events;

/**
 * A record of the log that a newer version of Logplane wrote, in a form this one does not know: a
 * replica must not apply past it (the others, upgraded, would decide it), so its projection stops
 * and says to upgrade.
 */
public final class UnknownFormatException extends IllegalStateException {

  public UnknownFormatException(String message) {
    super(message);
  }
}
