package io.logplane.node.internal.volumes;

/**
 * What keeps a container or a volume from being made from what the pod names: a missing
 * ConfigMap, Secret or key, a field that cannot be read. Its message is the kubelet's; it never
 * holds a secret's value.
 */
public final class ConfigError extends RuntimeException {
  public ConfigError(String message) {
    super(message);
  }
}
