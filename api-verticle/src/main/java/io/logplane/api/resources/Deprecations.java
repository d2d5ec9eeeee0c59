package io.logplane.api.resources;

import java.util.Map;
import java.util.Optional;

/**
 * The served group-versions kube 1.28 warns of as deprecated, with the release that removes them:
 * every request to one is answered with kube's {@code Warning: 299 - "<group/version> <Kind> is
 * deprecated in v<X>+, unavailable in v<Y>+"}, which kubectl prints. A line per group-version.
 */
public final class Deprecations {

  private static final Map<String, String> BY_GROUP_VERSION =
      Map.of("flowcontrol.apiserver.k8s.io/v1beta3", "is deprecated in v1.29+, unavailable in v1.32+");

  private Deprecations() {}

  /** The Warning header's value for a request to {@code type}, when its version is deprecated. */
  public static Optional<String> warning(ResourceType type) {
    String gv = type.group().isEmpty() ? type.version() : type.group() + "/" + type.version();
    String when = BY_GROUP_VERSION.get(gv);
    return when == null ? Optional.empty()
        : Optional.of("299 - \"" + gv + " " + type.kind() + " " + when + "\"");
  }
}
