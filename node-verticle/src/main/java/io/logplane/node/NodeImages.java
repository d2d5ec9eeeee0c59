package io.logplane.node;

import io.logplane.node.internal.images.ArchiveImport;
import io.logplane.node.internal.images.ImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The image store of the node that runs on a data directory, for {@code logplane images}: safe
 * to use while that node runs (the store locks its index).
 */
public final class NodeImages {

  /** An image in the store: its id (config digest), the references naming it, its size. */
  public record Entry(String id, List<String> refs, long size) {}

  private final ImageStore store;

  public NodeImages(Path dataDir) {
    this.store = new ImageStore(dataDir, Clock.systemUTC());
  }

  /** Loads a docker-archive or OCI-layout tarball (gzipped or not); returns what it held. */
  public List<Entry> importArchive(Path archive) throws IOException {
    List<String> ids = new ArchiveImport(store).load(archive).stream().map(ImageStore.Stored::id).toList();
    return list().stream().filter(e -> ids.contains(e.id())).toList();
  }

  public List<Entry> list() throws IOException {
    return store.list().stream().map(l -> new Entry(l.id(), l.refs(), l.size())).toList();
  }

  /**
   * Removes a reference or image id; returns the ids of the images that went with it, or null
   * when the store knows no such reference or id.
   */
  public List<String> remove(String refOrId) throws IOException {
    ImageStore.Removed removed = store.remove(refOrId);
    return removed.found() ? removed.images() : null;
  }
}
