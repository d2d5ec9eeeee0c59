package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What conmon opens for a container's stdio beside its log, from the container's spec as CRI-O
 * reads it: a stdin that attached clients write ({@code stdin}), closed when the first of them
 * lets go of it ({@code stdinOnce}); a terminal ({@code tty}), whose output is the container's
 * stdout.
 */
public record ContainerStdio(boolean stdin, boolean stdinOnce, boolean tty) {
  /** No stdin, no terminal: the output goes to the log only. */
  public static final ContainerStdio NONE = new ContainerStdio(false, false, false);

  /** The stdio of a pod's {@code container} spec. */
  public static ContainerStdio of(JsonNode container) {
    return new ContainerStdio(container.path("stdin").asBoolean(false), container.path("stdinOnce").asBoolean(false),
        container.path("tty").asBoolean(false));
  }
}
