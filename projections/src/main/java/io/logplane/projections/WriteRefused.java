package io.logplane.projections;

/** A write the state machine rejected, with why: an expected outcome, not a failure of the path. */
public final class WriteRefused extends RuntimeException {

  private final Reason reason;

  public WriteRefused(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** True for a write that lost a race (the object changed meanwhile): read again and redo it. */
  public boolean conflict() {
    return reason == Reason.CONFLICT;
  }
}
