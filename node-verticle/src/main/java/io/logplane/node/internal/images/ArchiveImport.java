package io.logplane.node.internal.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads an image tarball into the store: a docker archive ({@code docker save}: manifest.json,
 * a config JSON, layer tars) or an OCI image layout ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/...}; an image index in it resolved for linux/amd64). Either may be
 * gzipped. Every digest is checked: layers against the config's diff-ids, blobs against their
 * names.
 */
public final class ArchiveImport {

  private final ImageStore store;

  public ArchiveImport(ImageStore store) {
    this.store = store;
  }

  /** Imports the images of {@code archive}; returns them, with the references they were tagged with. */
  public List<ImageStore.Stored> load(Path archive) throws IOException {
    Path staged = Trees.temp(store.dir().resolve("tmp"));
    try {
      try (InputStream in = Compression.tar(Files.newInputStream(archive))) {
        LayerTar.unpack(in, staged);
      }
      if (Files.isRegularFile(staged.resolve("manifest.json"))) {
        return dockerArchive(staged);
      }
      if (Files.isRegularFile(staged.resolve("oci-layout"))) {
        return ociLayout(staged);
      }
      throw new IOException(archive + " is neither a docker archive (manifest.json) nor an OCI image layout (oci-layout)");
    } finally {
      Trees.delete(staged);
    }
  }

  private List<ImageStore.Stored> dockerArchive(Path root) throws IOException {
    List<ImageStore.Stored> out = new ArrayList<>();
    for (JsonNode image : OciConfig.JSON.readTree(root.resolve("manifest.json").toFile())) {
      byte[] config = Files.readAllBytes(LayerTar.inside(root, image.path("Config").asText()));
      List<Path> layers = new ArrayList<>();
      for (JsonNode layer : image.path("Layers")) {
        layers.add(LayerTar.inside(root, layer.asText()));
      }
      List<ImageRef> refs = new ArrayList<>();
      for (JsonNode tag : image.path("RepoTags")) {
        refs.add(parse(tag.asText()));
      }
      out.add(store(config, layers, refs, ""));
    }
    return out;
  }

  private List<ImageStore.Stored> ociLayout(Path root) throws IOException {
    List<ImageStore.Stored> out = new ArrayList<>();
    JsonNode index = OciConfig.JSON.readTree(root.resolve("index.json").toFile());
    for (JsonNode descriptor : index.path("manifests")) {
      String name = descriptor.path("annotations").path("io.containerd.image.name").asText(
          descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText(""));
      List<ImageRef> refs = new ArrayList<>();
      // a bare tag ("latest") names no repository: the image is then known by its id only
      if (name.contains("/") || name.contains(":") || name.contains("@")) {
        refs.add(parse(name));
      }
      String digest = descriptor.path("digest").asText();
      byte[] manifest = blob(root, digest);
      JsonNode m = OciConfig.JSON.readTree(manifest);
      if (Manifests.isIndex(descriptor.path("mediaType").asText(m.path("mediaType").asText()), m)) {
        digest = Manifests.linuxAmd64(m).path("digest").asText();
        manifest = blob(root, digest);
        m = OciConfig.JSON.readTree(manifest);
      }
      store.putBlob(digest, manifest);
      String configDigest = m.path("config").path("digest").asText();
      List<Path> layers = new ArrayList<>();
      for (JsonNode layer : m.path("layers")) {
        layers.add(blobFile(root, layer.path("digest").asText()));
      }
      out.add(store(blob(root, configDigest), layers, refs, digest));
    }
    return out;
  }

  private ImageStore.Stored store(byte[] config, List<Path> layers, List<ImageRef> refs, String manifest)
      throws IOException {
    String configDigest = Digests.of(config);
    List<String> diffIds = OciConfig.parse(config).diffIds();
    if (diffIds.size() != layers.size()) {
      throw new IOException("image " + configDigest + " has " + layers.size() + " layers, its config "
          + diffIds.size() + " diff-ids");
    }
    store.putBlob(configDigest, config);
    for (int i = 0; i < layers.size(); i++) {
      if (!store.hasLayer(diffIds.get(i))) {
        try (InputStream tar = Compression.tar(Files.newInputStream(layers.get(i)))) {
          store.addLayer(diffIds.get(i), tar);
        }
      }
    }
    return store.commit(refs, manifest, configDigest);
  }

  private static byte[] blob(Path root, String digest) throws IOException {
    byte[] content = Files.readAllBytes(blobFile(root, digest));
    Digests.verify("blob", digest, Digests.of(content));
    return content;
  }

  private static Path blobFile(Path root, String digest) {
    return root.resolve("blobs/sha256").resolve(Digests.hex(digest));
  }

  private static ImageRef parse(String ref) throws IOException {
    try {
      return ImageRef.parse(ref);
    } catch (ImageRef.InvalidReference e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
