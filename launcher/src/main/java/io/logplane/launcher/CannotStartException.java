package io.logplane.launcher;

/**
 * A reason a server cannot start that its user can fix (the data directory is another server's,
 * a port is taken), said in one line: the command prints it without a stack trace and exits
 * non-zero, having changed nothing in the data directory.
 */
public class CannotStartException extends RuntimeException {

  public CannotStartException(String message) {
    super(message, null, false, false);
  }
}
