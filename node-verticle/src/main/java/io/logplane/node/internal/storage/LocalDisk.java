package io.logplane.node.internal.storage;

import io.vertx.core.Future;
import java.nio.file.Path;

/**
 * Where a node's provisioned volumes live: a directory per volume under the node's root. A real
 * node makes and removes them (off the event loop); hollow nodes only name them.
 */
public interface LocalDisk {

  /** The root of a node's volumes. */
  Path root(String node);

  /** Makes a volume's directory (and its parents); completes when it exists. */
  Future<Void> make(Path dir);

  /** Removes a volume's directory and all in it; completes when it is gone (or was never there). */
  Future<Void> remove(Path dir);

  /** The disk of hollow nodes: directories named under {@code /var/lib/logplane/hollow/<node>}, never made. */
  static LocalDisk hollow() {
    return new LocalDisk() {
      @Override
      public Path root(String node) {
        return Path.of("/var/lib/logplane/hollow", node, "local-path");
      }

      @Override
      public Future<Void> make(Path dir) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> remove(Path dir) {
        return Future.succeededFuture();
      }
    };
  }
}
