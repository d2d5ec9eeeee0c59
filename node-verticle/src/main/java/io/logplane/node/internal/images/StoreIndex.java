package io.logplane.node.internal.images;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store's index, one JSON file: which image each reference names, and each image's layers,
 * size and last use. A value; {@link IndexFile} reads and replaces it under a lock.
 *
 * @param refs   normalised reference ({@code docker.io/library/busybox:latest}) → its image
 * @param images image id (the config's digest) → its record
 */
record StoreIndex(Map<String, Ref> refs, Map<String, ImageEntry> images) {

  /**
   * @param image    the image id
   * @param manifest the registry manifest's digest the reference resolved to; empty for an
   *                 imported docker archive, which has none
   */
  record Ref(String image, String manifest) {}

  /**
   * @param layers   diff-ids, lowest first
   * @param size     bytes of its layers' files
   * @param lastUsed epoch milliseconds of its last pull, import or use by a container
   */
  record ImageEntry(List<String> layers, long size, long lastUsed) {}

  StoreIndex {
    refs = new TreeMap<>(refs == null ? Map.of() : refs);
    images = new TreeMap<>(images == null ? Map.of() : images);
  }

  static StoreIndex empty() {
    return new StoreIndex(Map.of(), Map.of());
  }

  /** Whether some image other than those removed still uses {@code diffId}. */
  boolean layerUsed(String diffId) {
    return images.values().stream().anyMatch(i -> i.layers().contains(diffId));
  }

  /** The references that name {@code imageId}. */
  List<String> refsOf(String imageId) {
    return refs.entrySet().stream().filter(e -> e.getValue().image().equals(imageId))
        .map(Map.Entry::getKey).toList();
  }
}
