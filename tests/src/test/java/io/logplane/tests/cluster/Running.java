package io.logplane.tests.cluster;

/**
 * One Logplane command a cluster test started ({@code logplane kafka}, {@code logplane up}), as a
 * process or as a container ({@link Runner}): what the test does to it is the same either way.
 */
interface Running extends AutoCloseable {

  boolean isAlive();

  /** Its exit code, once it is not {@link #isAlive alive}. */
  int exitValue();

  /** SIGKILL, as at a crash: no shutdown runs. Returns once it is gone. */
  void kill();

  /** Sends a signal by name ({@code STOP}, {@code CONT}). */
  void signal(String name);

  /** SIGTERM, then SIGKILL if it has not stopped after 30 s; what it leaves is removed. */
  @Override
  void close();
}
