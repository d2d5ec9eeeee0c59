package io.logplane.node.internal.images;

import io.logplane.node.internal.runtime.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images of a node, content-addressed under {@code DATA_DIR/images}:
 *
 * <pre>
 * index.json            references → image ids; images → layers, size, last use ({@link StoreIndex})
 * blobs/sha256/HEX      manifests and configs, named by their digest
 * layers/HEX            each layer unpacked once, named by its diff-id (the digest of its tar)
 * rootfs/HEX            each image's root file system, named by its id: hard links to its layers
 * tmp/                  work in progress, renamed into place when complete
 * </pre>
 *
 * Layers are shared by the images that have them. Everything but the index is written once,
 * under a temporary name, and renamed into place; the index changes under its lock
 * ({@link IndexFile}), so a running node and {@code logplane images} may both write.
 */
public final class ImageStore {

  /** An image ready to run, with what names it. */
  public record Stored(String id, String manifest, Path rootfs, ImageConfig config) {}

  /** What a removal did: whether the reference or id was known, and the images that went. */
  public record Removed(boolean found, List<String> images) {}

  /** One line of {@code logplane images list}. */
  public record Listed(String id, List<String> refs, long size, long lastUsed) {}

  /** A layer an image needs went away (another process removed it) before the image was recorded. */
  public static final class LayerGone extends IOException {
    LayerGone(String message) {
      super(message);
    }
  }

  private final Path dir;
  private final IndexFile index;
  private final Clock clock;

  public ImageStore(Path dataDir, Clock clock) {
    this.dir = dataDir.resolve("images");
    this.index = new IndexFile(dir);
    this.clock = clock;
  }

  /** The directory the store lives in (its file system is the one the GC watches). */
  public Path dir() {
    return dir;
  }

  /** The image {@code ref} names, when the store has it. */
  public Optional<Stored> find(ImageRef ref) throws IOException {
    StoreIndex.Ref r = index.read().refs().get(ref.toString());
    if (r == null) {
      return Optional.empty();
    }
    Path rootfs = rootfs(r.image());
    if (!Files.isDirectory(rootfs)) {
      return Optional.empty();
    }
    return Optional.of(new Stored(r.image(), r.manifest(), rootfs, config(r.image()).runIn(rootfs)));
  }

  /** Whether the layer with this diff-id is unpacked here already. */
  public boolean hasLayer(String diffId) {
    return Files.isDirectory(dir.resolve("layers").resolve(Digests.hex(diffId)));
  }

  /** Unpacks a layer's (uncompressed) tar, checking it has digest {@code diffId}. */
  public void addLayer(String diffId, InputStream tar) throws IOException {
    Path target = dir.resolve("layers").resolve(Digests.hex(diffId));
    Path staged = Trees.temp(dir.resolve("tmp"));
    try {
      Digests.Hashing hashing = new Digests.Hashing(tar);
      LayerTar.unpack(hashing, staged);
      Digests.verify("layer", diffId, hashing.drainAndDigest());
      Trees.publish(staged, target);
    } finally {
      Trees.delete(staged);
    }
  }

  /** Keeps a manifest or config blob, checking its digest. */
  public void putBlob(String digest, byte[] content) throws IOException {
    Digests.verify("blob", digest, Digests.of(content));
    Path target = blobPath(digest);
    Files.createDirectories(target.getParent());
    Path tmp = Files.createDirectories(dir.resolve("tmp")).resolve(Digests.hex(digest) + "." + System.nanoTime());
    Files.write(tmp, content);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  public boolean hasBlob(String digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  /** The diff-ids of the image whose config blob is stored under {@code configDigest}. */
  public List<String> diffIds(String configDigest) throws IOException {
    return config(configDigest).diffIds();
  }

  /**
   * Records the image whose config blob is {@code configDigest} (stored already, as are its
   * layers) under {@code refs}, building its root file system when it has none yet.
   *
   * @param manifest the registry manifest's digest, or empty
   */
  public Stored commit(Collection<ImageRef> refs, String manifest, String configDigest) throws IOException {
    OciConfig config = config(configDigest);
    Path rootfs = rootfs(configDigest);
    return index.update((idx, writer) -> {
      List<Path> layers = new ArrayList<>();
      for (String diffId : config.diffIds()) {
        Path layer = dir.resolve("layers").resolve(Digests.hex(diffId));
        if (!Files.isDirectory(layer)) {
          throw new LayerGone("layer " + diffId + " was removed while image " + configDigest + " was stored");
        }
        layers.add(layer);
      }
      if (!Files.isDirectory(rootfs)) {
        Path staged = Trees.temp(dir.resolve("tmp"));
        try {
          Rootfs.build(layers, staged);
          Trees.publish(staged, rootfs);
        } finally {
          Trees.delete(staged);
        }
      }
      long size = 0;
      for (Path layer : layers) {
        size += Trees.size(layer);
      }
      for (ImageRef ref : refs) {
        idx.refs().put(ref.toString(), new StoreIndex.Ref(configDigest, manifest));
      }
      idx.images().put(configDigest, new StoreIndex.ImageEntry(config.diffIds(), size, clock.millis()));
      writer.write(idx);
      return new Stored(configDigest, manifest, rootfs, config.runIn(rootfs));
    });
  }

  /** Marks an image used now: the GC removes the least recently used first. */
  public void touch(String imageId) throws IOException {
    index.update((idx, writer) -> {
      StoreIndex.ImageEntry e = idx.images().get(imageId);
      if (e != null) {
        idx.images().put(imageId, new StoreIndex.ImageEntry(e.layers(), e.size(), clock.millis()));
        writer.write(idx);
      }
      return null;
    });
  }

  public List<Listed> list() throws IOException {
    StoreIndex idx = index.read();
    return idx.images().entrySet().stream().map(e -> new Listed(e.getKey(), idx.refsOf(e.getKey()),
        e.getValue().size(), e.getValue().lastUsed())).toList();
  }

  /**
   * Removes a reference ({@code busybox}, normalised) or, given an image id ({@code sha256:...}),
   * the image and all its references; an image no reference names any more goes, with its
   * root file system and the layers no other image has.
   */
  public Removed remove(String refOrId) throws IOException {
    return index.update((idx, writer) -> {
      List<String> ids = new ArrayList<>();
      if (idx.images().containsKey(refOrId)) {
        idx.refs().values().removeIf(r -> r.image().equals(refOrId));
        ids.add(refOrId);
      } else {
        String key;
        try {
          key = ImageRef.parse(refOrId).toString();
        } catch (ImageRef.InvalidReference e) {
          return new Removed(false, List.of());
        }
        StoreIndex.Ref r = idx.refs().remove(key);
        if (r == null) {
          return new Removed(false, List.of());
        }
        if (idx.refsOf(r.image()).isEmpty()) {
          ids.add(r.image());
        }
      }
      deleteImages(idx, ids);
      writer.write(idx);
      return new Removed(true, ids);
    });
  }

  /** Removes these images and all their references (the GC's deletion). */
  public void removeImages(Collection<String> ids) throws IOException {
    index.update((idx, writer) -> {
      idx.refs().values().removeIf(r -> ids.contains(r.image()));
      deleteImages(idx, ids);
      writer.write(idx);
      return null;
    });
  }

  /** The images with their size and last use, for the GC. */
  public Map<String, StoreIndex.ImageEntry> images() throws IOException {
    return index.read().images();
  }

  private void deleteImages(StoreIndex idx, Collection<String> ids) throws IOException {
    List<String> layers = new ArrayList<>();
    for (String id : ids) {
      StoreIndex.ImageEntry e = idx.images().remove(id);
      if (e != null) {
        layers.addAll(e.layers());
      }
      Trees.delete(rootfs(id));
      Files.deleteIfExists(blobPath(id));
    }
    for (String layer : layers) {
      if (!idx.layerUsed(layer)) {
        Trees.delete(dir.resolve("layers").resolve(Digests.hex(layer)));
      }
    }
  }

  private OciConfig config(String configDigest) throws IOException {
    try {
      return OciConfig.parse(Files.readAllBytes(blobPath(configDigest)));
    } catch (NoSuchFileException e) {
      throw new IOException("image config " + configDigest + " is not in the store", e);
    }
  }

  private Path rootfs(String imageId) {
    return dir.resolve("rootfs").resolve(Digests.hex(imageId));
  }

  private Path blobPath(String digest) {
    return dir.resolve("blobs").resolve("sha256").resolve(Digests.hex(digest));
  }
}
