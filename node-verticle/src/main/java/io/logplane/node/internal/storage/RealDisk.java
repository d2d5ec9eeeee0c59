package io.logplane.node.internal.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/** The volumes of a real node: directories under {@code <data-dir>/local-path}, made and removed on a worker. */
public final class RealDisk implements LocalDisk {

  private final Path root;
  private final Context context;

  public RealDisk(Path root, Context context) {
    this.root = root;
    this.context = context;
  }

  @Override
  public Path root(String node) {
    return root;
  }

  @Override
  public Future<Void> make(Path dir) {
    return context.executeBlocking(() -> {
      Files.createDirectories(dir);
      // as local-path-provisioner's helper: any container user may write its volume
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      return null;
    }, false);
  }

  @Override
  public Future<Void> remove(Path dir) {
    if (!dir.normalize().startsWith(root) || dir.normalize().equals(root)) {
      return Future.failedFuture(new IllegalArgumentException(dir + " is not a volume under " + root));
    }
    return context.executeBlocking(() -> {
      if (Files.exists(dir)) {
        try (Stream<Path> all = Files.walk(dir)) {
          for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        } catch (IOException e) {
          throw new IOException("cannot remove volume " + dir + ": " + e.getMessage(), e);
        }
      }
      return null;
    }, false);
  }
}
