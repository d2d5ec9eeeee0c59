package io.logplane.node.internal.images;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Image files made in tests: layer tars from directories, configs, docker and OCI archives. */
final class TestImages {

  private TestImages() {}

  /** A layer: the tar of {@code dir}'s tree (names relative to it), modes and symlinks kept. */
  static byte[] layer(Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
        Stream<Path> walk = Files.walk(dir)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (p.equals(dir)) {
          continue;
        }
        String name = dir.relativize(p).toString();
        TarArchiveEntry e;
        if (Files.isSymbolicLink(p)) {
          e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
          e.setLinkName(Files.readSymbolicLink(p).toString());
        } else if (Files.isDirectory(p)) {
          e = new TarArchiveEntry(name + "/");
        } else {
          e = new TarArchiveEntry(name);
          e.setSize(Files.size(p));
        }
        e.setMode((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS));
        tar.putArchiveEntry(e);
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A config for these layers (uncompressed tars) that runs {@code cmd}. */
  static byte[] config(List<byte[]> layers, String... cmd) throws IOException {
    ObjectNode root = OciConfig.JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
    ArrayNode c = root.putObject("config").putArray("Cmd");
    for (String s : cmd) {
      c.add(s);
    }
    root.putObject("rootfs").put("type", "layers");
    ArrayNode diffIds = ((ObjectNode) root.get("rootfs")).putArray("diff_ids");
    for (byte[] layer : layers) {
      diffIds.add(Digests.of(layer));
    }
    return OciConfig.JSON.writeValueAsBytes(root);
  }

  /** A {@code docker save} tarball of one image tagged {@code tags}. */
  static void dockerArchive(Path file, List<byte[]> layers, byte[] config, String... tags) throws IOException {
    ObjectNode manifest = OciConfig.JSON.createObjectNode();
    String configName = Digests.hex(Digests.of(config)) + ".json";
    manifest.put("Config", configName);
    ArrayNode repoTags = manifest.putArray("RepoTags");
    for (String t : tags) {
      repoTags.add(t);
    }
    ArrayNode layerNames = manifest.putArray("Layers");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
      put(tar, configName, config);
      for (byte[] layer : layers) {
        String name = Digests.hex(Digests.of(layer)) + "/layer.tar";
        layerNames.add(name);
        put(tar, name, layer);
      }
      put(tar, "manifest.json", OciConfig.JSON.writeValueAsBytes(OciConfig.JSON.createArrayNode().add(manifest)));
    }
  }

  /** An OCI image manifest for a config and its gzipped layers. */
  static byte[] manifest(byte[] config, List<byte[]> gzippedLayers) throws IOException {
    ObjectNode m = OciConfig.JSON.createObjectNode().put("schemaVersion", 2)
        .put("mediaType", Manifests.OCI_MANIFEST);
    m.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json")
        .put("digest", Digests.of(config)).put("size", config.length);
    ArrayNode layers = m.putArray("layers");
    for (byte[] l : gzippedLayers) {
      layers.addObject().put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip")
          .put("digest", Digests.of(l)).put("size", l.length);
    }
    return OciConfig.JSON.writeValueAsBytes(m);
  }

  /** An OCI image index listing {@code manifest} for linux/amd64 (and nothing else). */
  static byte[] index(byte[] manifest) throws IOException {
    ObjectNode i = OciConfig.JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", Manifests.OCI_INDEX);
    ObjectNode d = i.putArray("manifests").addObject().put("mediaType", Manifests.OCI_MANIFEST)
        .put("digest", Digests.of(manifest)).put("size", manifest.length);
    d.putObject("platform").put("os", "linux").put("architecture", "amd64");
    return OciConfig.JSON.writeValueAsBytes(i);
  }

  /** An OCI image layout tarball whose index.json names {@code ref} at {@code top}. */
  static void ociLayout(Path file, String ref, byte[] top, List<byte[]> blobs) throws IOException {
    ObjectNode index = OciConfig.JSON.createObjectNode().put("schemaVersion", 2);
    ObjectNode d = index.putArray("manifests").addObject().put("mediaType", OciConfig.JSON.readTree(top)
        .path("mediaType").asText()).put("digest", Digests.of(top)).put("size", top.length);
    d.putObject("annotations").put("org.opencontainers.image.ref.name", ref);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file))) {
      put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
      put(tar, "index.json", OciConfig.JSON.writeValueAsBytes(index));
      put(tar, "blobs/sha256/" + Digests.hex(Digests.of(top)), top);
      for (byte[] blob : blobs) {
        put(tar, "blobs/sha256/" + Digests.hex(Digests.of(blob)), blob);
      }
    }
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
