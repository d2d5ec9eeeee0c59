package io.logplane.node.internal.server;

import io.logplane.node.internal.runtime.ContainerRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * How the node runs a client's command in one of its containers (the runtime's {@code runc exec}
 * line) and attaches to one (conmon's attach socket).
 */
public interface ContainerExecs {

  /** The line that runs {@code command} in the running container {@code id}, its pid written to {@code pidFile}. */
  List<String> line(String id, boolean tty, Path pidFile, List<String> command);

  /** Where exec {@code execId} in container {@code id} has its pid written. */
  Path pidFile(String id, String execId);

  /** conmon's attach socket of container {@code id}. */
  Path attachSocket(String id);

  /** Resizes the terminal of container {@code id}. */
  void resize(String id, int width, int height);

  /** No container runs commands: exec is refused. */
  ContainerExecs NONE = new ContainerExecs() {
    @Override
    public List<String> line(String id, boolean tty, Path pidFile, List<String> command) {
      throw new UnsupportedOperationException("this node runs no commands in containers");
    }

    @Override
    public Path pidFile(String id, String execId) {
      throw new UnsupportedOperationException("this node runs no commands in containers");
    }

    @Override
    public Path attachSocket(String id) {
      throw new UnsupportedOperationException("this node has no containers to attach to");
    }

    @Override
    public void resize(String id, int width, int height) {
      throw new UnsupportedOperationException("this node has no containers to attach to");
    }
  };

  /** The execs of a node's container runtime, which may come after its server starts. */
  static ContainerExecs of(Supplier<ContainerRuntime> runtime) {
    return new ContainerExecs() {
      @Override
      public List<String> line(String id, boolean tty, Path pidFile, List<String> command) {
        return runtime.get().execLine(id, tty, pidFile, command);
      }

      @Override
      public Path pidFile(String id, String execId) {
        return runtime.get().execPidFile(id, execId);
      }

      @Override
      public Path attachSocket(String id) {
        return runtime.get().attachSocket(id);
      }

      @Override
      public void resize(String id, int width, int height) {
        runtime.get().resizeTerminal(id, width, height);
      }
    };
  }
}
