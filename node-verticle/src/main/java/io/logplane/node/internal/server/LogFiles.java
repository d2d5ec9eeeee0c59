package io.logplane.node.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ContainerRuntime;
import java.nio.file.Path;

/** Where the runs of a pod's containers keep their logs, and whether a run still goes on. */
public interface LogFiles {

  /** The CRI log of run {@code attempt} of the pod's container {@code name}. */
  Path logPath(JsonNode pod, String name, int attempt);

  /** Whether the container of runtime id {@code id} runs. */
  boolean running(String id);

  /** The logs of a node's container runtime. */
  static LogFiles of(ContainerRuntime runtime) {
    return new LogFiles() {
      @Override
      public Path logPath(JsonNode pod, String name, int attempt) {
        return runtime.logPath(pod, name, attempt);
      }

      @Override
      public boolean running(String id) {
        try {
          return runtime.containerStatus(id).state().equals("running");
        } catch (RuntimeException e) {
          return false; // removed meanwhile
        }
      }
    };
  }
}
