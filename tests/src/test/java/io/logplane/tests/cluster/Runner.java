package io.logplane.tests.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * How the cluster tests run Logplane's commands: as containers of the {@code logplane} image
 * (docker/Dockerfile, built from the launcher jar by {@link LogplaneImage}) through Testcontainers
 * when a Docker daemon answers, as processes of their own (the test's class path in a JVM of its
 * own) when none does. Either way the test drives them alike: SIGKILL, SIGSTOP and SIGCONT reach
 * the JVM, the data directories are the test's, and the output goes to the same file.
 *
 * <p>{@code -Dlogplane.cluster.runtime=containers} insists on containers (a missing daemon fails
 * the test), {@code =processes} never uses Docker. Which one runs is printed once.
 */
interface Runner {

  String PROPERTY = "logplane.cluster.runtime";

  /**
   * Starts {@code logplane} with {@code args} and a heap of {@code heapMegabytes}, appending what
   * it prints to {@code output}. Every path in {@code args} is under {@code files}, which a
   * container gets at the same path.
   */
  Running start(List<String> args, Path files, Path output, int heapMegabytes) throws IOException;

  /** The runner for this JVM's cluster tests, chosen at the first call. */
  static Runner get() {
    return Chosen.RUNNER;
  }

  /** Whether a Docker daemon answers here (Testcontainers' own probe). */
  static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Holds the choice: made once, on first use. */
  final class Chosen {
    static final Runner RUNNER = choose();

    private Chosen() {}

    private static Runner choose() {
      String wanted = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
      boolean docker = !wanted.equals("processes") && dockerAnswers();
      if (wanted.equals("containers") && !docker) {
        throw new IllegalStateException("-D" + PROPERTY + "=containers, but no Docker daemon answers"
            + " (start one: dockerd --iptables=false --bridge=none)");
      }
      if (docker) {
        String image = LogplaneImage.ensure();
        System.out.println("[cluster tests] brokers and replicas run as containers of " + image
            + " (Testcontainers, host network)");
        return new ContainerRunner(image);
      }
      System.out.println("[cluster tests] brokers and replicas run as processes: "
          + (wanted.equals("processes") ? "-D" + PROPERTY + "=processes"
              : "no Docker daemon answers here, so Testcontainers cannot start containers"));
      return new ProcessRunner();
    }
  }
}
