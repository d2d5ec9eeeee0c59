package io.logplane.node.internal.images;

/**
 * Registry names as docker config files write them ({@code https://index.docker.io/v1/},
 * {@code registry:5000}, {@code http://host/}) matched with an image's registry.
 */
final class Registries {

  private Registries() {}

  /** Whether a docker config key and an image reference's domain name the same registry. */
  static boolean same(String configKey, String domain) {
    return normalise(configKey).equals(normalise(domain));
  }

  static String normalise(String key) {
    String host = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceFirst("/.*$", "").toLowerCase();
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> host;
    };
  }
}
