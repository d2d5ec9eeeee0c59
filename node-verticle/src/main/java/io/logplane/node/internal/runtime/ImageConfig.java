package io.logplane.node.internal.runtime;

import java.util.List;

/**
 * What an OCI image's configuration says about running it: the defaults a container's spec
 * falls back on.
 *
 * @param env        {@code NAME=value} entries
 * @param workingDir empty for {@code /}
 * @param user       {@code uid} or {@code uid:gid}, numeric; empty for root
 */
public record ImageConfig(List<String> entrypoint, List<String> cmd, List<String> env,
    String workingDir, String user) {

  public ImageConfig {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    env = List.copyOf(env);
  }

  /** An image that says nothing but its command. */
  public static ImageConfig ofCmd(String... cmd) {
    return new ImageConfig(List.of(), List.of(cmd), List.of(), "", "");
  }
}
