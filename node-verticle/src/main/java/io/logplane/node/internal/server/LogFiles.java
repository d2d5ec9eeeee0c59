package io.logplane.node.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ContainerRuntime;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Where the runs of a pod's containers keep their logs, and whether a run still goes on. */
public interface LogFiles {

  /** The CRI log of run {@code attempt} of the pod's container {@code name}. */
  Path logPath(JsonNode pod, String name, int attempt);

  /** Whether the container of runtime id {@code id} runs. */
  boolean running(String id);

  /** Has the running container {@code id} write its log to a new file at its path. */
  default void reopen(String id) {
    throw new UnsupportedOperationException("these logs cannot be reopened: " + id);
  }

  /** The logs of a node's container runtime. */
  static LogFiles of(ContainerRuntime runtime) {
    return of(() -> runtime);
  }

  /**
   * The logs of a node's container runtime, which may come after its server starts: until it
   * does no container runs (and the node holds no pod whose log would be asked for).
   */
  static LogFiles of(Supplier<ContainerRuntime> runtime) {
    return new LogFiles() {
      @Override
      public Path logPath(JsonNode pod, String name, int attempt) {
        return runtime.get().logPath(pod, name, attempt);
      }

      @Override
      public void reopen(String id) {
        runtime.get().reopenContainerLog(id);
      }

      @Override
      public boolean running(String id) {
        ContainerRuntime r = runtime.get();
        if (r == null) {
          return false;
        }
        try {
          return r.containerStatus(id).state().equals("running");
        } catch (RuntimeException e) {
          return false; // removed meanwhile
        }
      }
    };
  }
}
