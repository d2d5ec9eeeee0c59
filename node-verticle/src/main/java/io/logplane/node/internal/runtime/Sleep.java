package io.logplane.node.internal.runtime;

/** Waits between polls of the files runc and conmon leave. */
final class Sleep {

  private Sleep() {}

  static void millis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
