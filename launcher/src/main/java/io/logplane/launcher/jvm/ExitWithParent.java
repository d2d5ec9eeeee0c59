package io.logplane.launcher.jvm;

/**
 * In the child: when the launcher is gone without stopping it (killed with SIGKILL), the child
 * shuts down as on SIGTERM, instead of living on unseen with the ports and the data directory.
 */
final class ExitWithParent {

  /** The exit code of a JVM stopped by SIGTERM. */
  private static final int TERMINATED = 143;

  private ExitWithParent() {}

  static void watch() {
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(TERMINATED)));
  }
}
