package io.logplane.node.internal.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;

/** The manifest media types a node asks registries for, and the choice of one from an index. */
final class Manifests {

  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final List<String> ACCEPTED = List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  private Manifests() {}

  /** Whether a manifest of this media type (or, without one, this content) lists manifests. */
  static boolean isIndex(String mediaType, JsonNode manifest) {
    if (mediaType.startsWith(OCI_INDEX) || mediaType.startsWith(DOCKER_LIST)) {
      return true;
    }
    return mediaType.isEmpty() && manifest.has("manifests") && !manifest.has("layers");
  }

  /** The descriptor of the linux/amd64 image of an index. */
  static JsonNode linuxAmd64(JsonNode index) throws IOException {
    for (JsonNode d : index.path("manifests")) {
      JsonNode p = d.path("platform");
      if (p.path("os").asText().equals("linux") && p.path("architecture").asText().equals("amd64")) {
        return d;
      }
    }
    throw new IOException("no match for platform in manifest: not found");
  }
}
