package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The Kubernetes API documentation of the built-in types, which {@code kubectl explain} prints
 * and which the fabric8 model classes do not carry. The resource {@code descriptions.json.gz}
 * next to this class maps a definition name to its texts: {@code ""} for the type itself, then
 * one entry per JSON field, e.g. {@code {"io.k8s.api.apps.v1.DeploymentSpec": {"": "...",
 * "replicas": "Number of desired pods. ..."}}}.
 *
 * <p>Source: the doc comments of the npm package {@code kubernetes-types} 1.30.0 (the newest
 * published; Apache-2.0), which are the descriptions of the Kubernetes 1.30 OpenAPI document,
 * themselves the Go doc comments of the Kubernetes API types (Copyright The Kubernetes Authors,
 * Apache License 2.0). Only GA group-versions plus meta/v1, runtime and resource are kept.
 * Regenerated with {@code tools/kubernetes-descriptions} (see its README): unpack the package
 * ({@code npm pack kubernetes-types@1.30.0}) and run {@code node convert.js package
 * descriptions.json.gz}. Fields newer than 1.30 have no text here.
 */
final class KubeDocs {

  static final String RESOURCE = "descriptions.json.gz";

  private KubeDocs() {}

  /** Loaded on first use only, once: the texts are half a megabyte of JSON. */
  private static final class Holder {
    static final JsonNode DOCS = load();
  }

  /** The description of a definition, e.g. {@code io.k8s.api.apps.v1.DeploymentSpec}. */
  static Optional<String> type(String definition) {
    return field(definition, "");
  }

  /** The description of a JSON field of a definition. */
  static Optional<String> field(String definition, String field) {
    JsonNode text = Holder.DOCS.path(definition).get(field);
    return text == null ? Optional.empty() : Optional.of(text.asText());
  }

  private static JsonNode load() {
    try (InputStream in = KubeDocs.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath next to " + KubeDocs.class.getName());
      }
      try (InputStream unzipped = new GZIPInputStream(in)) {
        return new ObjectMapper().readTree(unzipped);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
