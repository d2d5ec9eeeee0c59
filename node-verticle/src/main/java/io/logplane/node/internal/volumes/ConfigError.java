package io.logplane.node.internal.volumes;

/**
 * What keeps a container or a volume from being made from what the pod names: a missing
 * ConfigMap, Secret or key, a field that cannot be read. Its message is the kubelet's; it never
 * holds a secret's value.
 */
public final class ConfigError extends RuntimeException {
  private final String volume;

  public ConfigError(String message) {
    this(message, null);
  }

  /** A volume of the pod that could not be set up. */
  public ConfigError(String message, String volume) {
    super(message);
    this.volume = volume;
  }

  /** The volume that could not be set up, or null when the error is not a volume's. */
  public String volume() {
    return volume;
  }
}
