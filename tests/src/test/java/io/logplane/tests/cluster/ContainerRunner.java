package io.logplane.tests.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Logplane's commands as containers of the {@code logplane} image, through Testcontainers: on
 * the host's network (as docker/compose.yaml runs them; nothing leaves loopback), with the test's
 * directory bound at its own path, the JVM as the container's first process, so that a signal
 * sent to the container reaches it. Whether it is ready is the caller's to wait for, from its
 * output, as with a process.
 */
final class ContainerRunner implements Runner {

  private final DockerImageName image;

  ContainerRunner(String image) {
    this.image = DockerImageName.parse(image);
  }

  @Override
  @SuppressWarnings("resource") // closed by the Running it is handed to
  public Running start(List<String> args, Path files, Path output, int heapMegabytes) throws IOException {
    Files.createDirectories(files);
    Files.createDirectories(output.getParent());
    GenericContainer<?> c = new GenericContainer<>(image).withNetworkMode("host")
        .withFileSystemBind(files.toString(), files.toString(), BindMode.READ_WRITE)
        .withEnv("JAVA_TOOL_OPTIONS", "-Xmx" + heapMegabytes + "m").withCommand(args.toArray(String[]::new))
        .withLogConsumer(new AppendTo(output)).withStartupCheckStrategy(new Created()).waitingFor(new NoWait());
    c.start();
    return new Started(c);
  }

  /** Appends what the container prints (stdout and stderr, in the order they come) to a file. */
  private record AppendTo(Path file) implements Consumer<OutputFrame> {
    @Override
    public void accept(OutputFrame frame) {
      if (frame.getType() == OutputFrame.OutputType.END) {
        return;
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        out.write(frame.getBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Started is enough: a container that exits at once is seen by the caller, with its output. */
  private static final class Created extends StartupCheckStrategy {
    @Override
    public StartupStatus checkStartupState(DockerClient docker, String id) {
      return StartupStatus.SUCCESSFUL;
    }
  }

  /** No port to probe with the host's network: the caller waits on the output. */
  private static final class NoWait extends AbstractWaitStrategy {
    @Override
    protected void waitUntilReady() {}
  }

  private record Started(GenericContainer<?> container) implements Running {

    private DockerClient docker() {
      return container.getDockerClient();
    }

    private InspectContainerResponse.ContainerState state() {
      return docker().inspectContainerCmd(container.getContainerId()).exec().getState();
    }

    @Override
    public boolean isAlive() {
      try {
        return Boolean.TRUE.equals(state().getRunning());
      } catch (NotFoundException e) {
        return false;
      }
    }

    @Override
    public int exitValue() {
      Long code = state().getExitCodeLong();
      return code == null ? -1 : code.intValue();
    }

    @Override
    public void kill() {
      signal("KILL");
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> !isAlive());
    }

    @Override
    public void signal(String name) {
      docker().killContainerCmd(container.getContainerId()).withSignal(name).exec();
    }

    @Override
    public void close() {
      try {
        if (isAlive()) {
          docker().stopContainerCmd(container.getContainerId()).withTimeout(30).exec();
        }
      } catch (NotFoundException | NotModifiedException e) {
        // gone or stopped already
      } finally {
        container.stop(); // removes it, and its anonymous volume
      }
    }
  }
}
