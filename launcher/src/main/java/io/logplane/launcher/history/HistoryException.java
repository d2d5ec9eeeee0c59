package io.logplane.launcher.history;

/** A failure of {@code logplane history} with the exit code it ends the command with. */
public final class HistoryException extends Exception {

  private final int exitCode;

  public HistoryException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** 1 for a missing object or a server error, 2 for bad input (kind, kubeconfig, options). */
  public int exitCode() {
    return exitCode;
  }
}
