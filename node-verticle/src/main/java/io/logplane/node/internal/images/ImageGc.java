package io.logplane.node.internal.images;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kubelet's image garbage collection over the store: when the file system the store is on
 * is {@value #HIGH}% full or more, the images no running container uses go, least recently
 * used first, until it would be {@value #LOW}% full.
 */
public final class ImageGc {

  static final int HIGH = 85;
  static final int LOW = 80;

  private final ImageStore store;

  public ImageGc(ImageStore store) {
    this.store = store;
  }

  /**
   * Removes images as {@link #choose} decides, for the store's file system now.
   *
   * @param inUse ids of the images of the node's running containers
   * @return the ids removed
   */
  public List<String> collect(Set<String> inUse) throws IOException {
    FileStore fs = Files.getFileStore(Files.createDirectories(store.dir()));
    List<String> chosen = choose(fs.getTotalSpace(), fs.getUsableSpace(), store.images(), inUse, HIGH, LOW);
    if (!chosen.isEmpty()) {
      store.removeImages(chosen);
    }
    return chosen;
  }

  /**
   * The images to remove: none below {@code high} percent used; else unused ones, least
   * recently used first, until their sizes add up to what takes usage down to {@code low}.
   */
  static List<String> choose(long capacity, long available, Map<String, StoreIndex.ImageEntry> images,
      Set<String> inUse, int high, int low) {
    if (capacity <= 0 || 100 - available * 100 / capacity < high) {
      return List.of();
    }
    long toFree = capacity * (100 - low) / 100 > available ? capacity * (100 - low) / 100 - available : 0;
    List<Map.Entry<String, StoreIndex.ImageEntry>> candidates = new ArrayList<>(images.entrySet().stream()
        .filter(e -> !inUse.contains(e.getKey())).toList());
    candidates.sort(Comparator.comparingLong((Map.Entry<String, StoreIndex.ImageEntry> e) -> e.getValue().lastUsed())
        .thenComparing(Map.Entry::getKey));
    List<String> chosen = new ArrayList<>();
    long freed = 0;
    for (Map.Entry<String, StoreIndex.ImageEntry> e : candidates) {
      if (freed >= toFree) {
        break;
      }
      chosen.add(e.getKey());
      freed += e.getValue().size();
    }
    return chosen;
  }
}
