package io.logplane.tests.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The {@code logplane} image the container tests run, built here without any registry by
 * docker/build.sh from this build's launcher jar: the base image (Debian and a JRE, from
 * debootstrap and {@code docker import}) when the daemon does not have it yet, which takes a few
 * minutes once, then the image itself, which takes seconds.
 */
final class LogplaneImage {

  /** The tag the tests build and run, apart from the {@code logplane:dev} a user builds. */
  static final String TAG = "logplane:it";

  private static String built;

  private LogplaneImage() {}

  /** The repository's root: the tests run in its {@code tests} module. */
  static Path repository() {
    return Path.of("..").toAbsolutePath().normalize();
  }

  /** Builds the image once per JVM (the base image only if missing); fails with the build's output. */
  static synchronized String ensure() {
    if (built != null) {
      return built;
    }
    Path repo = repository();
    Path jar = repo.resolve("launcher/target/logplane.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build the launcher module first");
    }
    Path log = repo.resolve("tests/target/docker-build.log");
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb = new ProcessBuilder("sh", repo.resolve("docker/build.sh").toString()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      pb.environment().put("JAR", jar.toString());
      pb.environment().put("IMAGE", TAG);
      pb.environment().put("NO_LB", "1");
      Process p = pb.start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("docker/build.sh took over 15 minutes; its output is in " + log);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("docker/build.sh failed (exit " + p.exitValue() + "):\n"
            + Files.readString(log, StandardCharsets.UTF_8)
            + "(or run the cluster tests as processes: -D" + Runner.PROPERTY + "=processes)");
      }
    } catch (IOException e) {
      throw new IllegalStateException("docker/build.sh could not run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    built = TAG;
    return built;
  }
}
