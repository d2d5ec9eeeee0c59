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

  /** The size and free space of the file system the store is on. */
  public record Disk(long capacity, long available) {}

  /**
   * What one collection did: the bytes it had to free to come down to the low threshold (0
   * when usage was below the high one), and those the images it removed held.
   */
  public record Outcome(long toFree, long freed, List<String> removed) {
    /** As the kubelet words a collection that could not free enough (its FreeDiskSpaceFailed Event). */
    public String shortfall() {
      return freed >= toFree ? null : "Failed to garbage collect required amount of images. Attempted to free "
          + toFree + " bytes, but only found " + freed + " bytes eligible to free.";
    }
  }

  /** The store's file system now. */
  public Disk disk() throws IOException {
    FileStore fs = Files.getFileStore(Files.createDirectories(store.dir()));
    return new Disk(fs.getTotalSpace(), fs.getUsableSpace());
  }

  /**
   * Removes images as {@link #choose} decides, for the store's file system as {@code disk} is.
   *
   * @param inUse ids of the images of the node's containers
   */
  public Outcome collect(Disk disk, Set<String> inUse) throws IOException {
    Map<String, StoreIndex.ImageEntry> images = store.images();
    List<String> chosen = choose(disk.capacity(), disk.available(), images, inUse, HIGH, LOW);
    if (!chosen.isEmpty()) {
      store.removeImages(chosen);
    }
    long freed = chosen.stream().mapToLong(id -> images.get(id).size()).sum();
    return new Outcome(toFree(disk.capacity(), disk.available(), HIGH, LOW), freed, chosen);
  }

  /** The bytes to free: none below {@code high} percent used, else down to {@code low} percent. */
  static long toFree(long capacity, long available, int high, int low) {
    if (capacity <= 0 || 100 - available * 100 / capacity < high) {
      return 0;
    }
    return Math.max(0, capacity * (100 - low) / 100 - available);
  }

  /**
   * The images to remove: none below {@code high} percent used; else unused ones, least
   * recently used first, until their sizes add up to what takes usage down to {@code low}.
   */
  static List<String> choose(long capacity, long available, Map<String, StoreIndex.ImageEntry> images,
      Set<String> inUse, int high, int low) {
    long toFree = toFree(capacity, available, high, low);
    if (toFree == 0) {
      return List.of();
    }
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
