package io.logplane.node.internal.images;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's image garbage collection as its node runs it: every {@link #PERIOD}, with the
 * kubelet's default thresholds (85% used starts it, 80% is where it stops), the images of the
 * node's containers kept. A collection that could not free enough records the kubelet's
 * {@code FreeDiskSpaceFailed} Event on the Node; a collection that failed when the one before
 * failed too records {@code ImageGCFailed}, as the kubelet does for repeated failures only.
 * Blocking; one run at a time.
 */
public final class PeriodicImageGc {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicImageGc.class);
  /** The kubelet's {@code ImageGCPeriod}. */
  public static final Duration PERIOD = Duration.ofMinutes(5);

  /** How the disk is read: the store's file system, or a figure given in tests. */
  @FunctionalInterface
  public interface DiskReader {
    ImageGc.Disk read() throws IOException;
  }

  private final ImageStore store;
  private final ImageGc gc;
  private final DiskReader disk;
  private final BiConsumer<String, String> nodeWarnings;
  private boolean failedBefore;

  /**
   * @param nodeWarnings where a Warning Event about the Node is recorded: reason, message
   */
  public PeriodicImageGc(ImageStore store, DiskReader disk, BiConsumer<String, String> nodeWarnings) {
    this.store = store;
    this.gc = new ImageGc(store);
    this.disk = disk;
    this.nodeWarnings = nodeWarnings;
  }

  /** The store's own file system. */
  public PeriodicImageGc(ImageStore store, BiConsumer<String, String> nodeWarnings) {
    this(store, null, nodeWarnings);
  }

  /**
   * One collection.
   *
   * @param used the image references of the node's pods' containers (as their specs write them)
   * @return the ids of the images removed
   */
  public synchronized List<String> run(Collection<String> used) {
    String failure;
    List<String> removed = List.of();
    try {
      ImageGc.Outcome outcome = gc.collect(disk == null ? gc.disk() : disk.read(), ids(used));
      removed = outcome.removed();
      if (!removed.isEmpty()) {
        LOG.info("image garbage collection removed {} images, {} bytes", removed.size(), outcome.freed());
      }
      failure = outcome.shortfall();
      if (failure != null) {
        nodeWarnings.accept("FreeDiskSpaceFailed", failure);
      }
    } catch (IOException | RuntimeException e) {
      failure = String.valueOf(e.getMessage());
    }
    if (failure != null) {
      LOG.warn("image garbage collection failed{}: {}", failedBefore ? " again" : "", failure);
      if (failedBefore) {
        nodeWarnings.accept("ImageGCFailed", failure);
      }
    }
    failedBefore = failure != null;
    return removed;
  }

  private Set<String> ids(Collection<String> refs) throws IOException {
    Set<String> ids = new HashSet<>();
    for (String ref : refs) {
      try {
        store.find(ImageRef.parse(ref)).ifPresent(s -> ids.add(s.id()));
      } catch (ImageRef.InvalidReference e) {
        // a container whose image cannot be named uses none of the store's
      }
    }
    return ids;
  }
}
