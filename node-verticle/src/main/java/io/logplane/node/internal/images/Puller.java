package io.logplane.node.internal.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ImageSource.RegistryAuth;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * Pulls an image over the OCI distribution API into the store: the manifest the reference
 * names (an index resolved to linux/amd64), its config, and the layers the store does not
 * have yet, each checked against its digest (and its unpacked tar against the config's
 * diff-id). When the reference still names the manifest the store has, nothing is fetched
 * but that manifest.
 */
final class Puller {

  private final ImageStore store;
  private final HttpClient http;

  Puller(ImageStore store, HttpClient http) {
    this.store = store;
    this.http = http;
  }

  /** @param auth credentials for the registry, or null */
  ImageStore.Stored pull(ImageRef ref, RegistryAuth auth) throws IOException {
    RegistryClient client = new RegistryClient(http, ref, auth);
    Manifest top = manifest(client, ref, ref.manifestReference());
    Optional<ImageStore.Stored> present = store.find(ref);
    if (present.isPresent() && present.get().manifest().equals(top.digest())) {
      store.touch(present.get().id());
      return present.get();
    }
    Manifest image = top;
    if (Manifests.isIndex(top.mediaType(), top.json())) {
      String digest = Manifests.linuxAmd64(top.json()).path("digest").asText();
      image = manifest(client, ref, digest);
    }
    store.putBlob(image.digest(), image.content());
    String configDigest = image.json().path("config").path("digest").asText();
    if (!store.hasBlob(configDigest)) {
      store.putBlob(configDigest, blob(client, configDigest));
    }
    List<String> diffIds = store.diffIds(configDigest);
    JsonNode layers = image.json().path("layers");
    if (layers.size() != diffIds.size()) {
      throw new IOException("manifest " + image.digest() + " has " + layers.size() + " layers, its config "
          + diffIds.size() + " diff-ids");
    }
    for (int attempt = 0; ; attempt++) {
      for (int i = 0; i < diffIds.size(); i++) {
        if (!store.hasLayer(diffIds.get(i))) {
          layer(client, layers.get(i).path("digest").asText(), diffIds.get(i));
        }
      }
      try {
        return store.commit(List.of(ref), top.digest(), configDigest);
      } catch (ImageStore.LayerGone e) {
        if (attempt > 0) {
          throw e;
        }
      }
    }
  }

  private record Manifest(String digest, String mediaType, byte[] content, JsonNode json) {}

  private static Manifest manifest(RegistryClient client, ImageRef ref, String reference) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = client.get("manifests", reference, String.join(", ", Manifests.ACCEPTED));
    } catch (IOException e) {
      throw new IOException("failed to resolve reference \"" + ref + "\": " + e.getMessage(), e);
    }
    if (response.statusCode() == 404) {
      response.body().close();
      throw new IOException("failed to resolve reference \"" + ref + "\": " + ref + ": not found");
    }
    if (response.statusCode() != 200) {
      throw new IOException("failed to resolve reference \"" + ref + "\": "
          + RegistryClient.unexpected("GET", response).getMessage());
    }
    byte[] content;
    try (InputStream body = response.body()) {
      content = body.readAllBytes();
    }
    String digest = Digests.of(content);
    if (reference.startsWith("sha256:")) {
      Digests.verify("manifest", reference, digest);
    }
    JsonNode json = OciConfig.JSON.readTree(content);
    String mediaType = json.path("mediaType").asText(
        response.headers().firstValue("Content-Type").orElse("").replaceFirst(";.*", ""));
    return new Manifest(digest, mediaType, content, json);
  }

  private static byte[] blob(RegistryClient client, String digest) throws IOException {
    try (InputStream in = open(client, digest)) {
      byte[] content = in.readAllBytes();
      Digests.verify("blob", digest, Digests.of(content));
      return content;
    }
  }

  private void layer(RegistryClient client, String digest, String diffId) throws IOException {
    try (InputStream in = open(client, digest)) {
      Digests.Hashing compressed = new Digests.Hashing(in);
      store.addLayer(diffId, Compression.tar(compressed));
      Digests.verify("layer blob", digest, compressed.drainAndDigest());
    }
  }

  private static InputStream open(RegistryClient client, String digest) throws IOException {
    HttpResponse<InputStream> response = client.get("blobs", digest, null);
    if (response.statusCode() != 200) {
      throw new IOException("failed to fetch blob " + digest + ": " + RegistryClient.unexpected("GET", response).getMessage());
    }
    return response.body();
  }
}
