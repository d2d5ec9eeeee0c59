package io.logplane.node.internal.images;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/** Whole-tree file operations of the store: delete without following links, publish by rename. */
final class Trees {

  private Trees() {}

  /** Deletes {@code path} and, for a directory, all beneath it; nothing when it is absent. */
  static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(path);
      return;
    }
    // a read-only directory (mode 0555 in a layer) cannot lose entries until it is writable again
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.setAttribute(dir, "unix:mode", 0700);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Deletes what {@code dir} holds, keeping {@code dir}. */
  static void clear(Path dir) throws IOException {
    try (var children = Files.list(dir)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        delete(child);
      }
    }
  }

  /** A fresh directory beside the final places under {@code tmp}, for a rename into them. */
  static Path temp(Path tmp) throws IOException {
    return Files.createDirectories(tmp.resolve(UUID.randomUUID().toString()));
  }

  /**
   * Renames {@code staged} to {@code target} atomically; when another writer published
   * {@code target} first, keeps theirs (the same content: both are named by its digest).
   */
  static void publish(Path staged, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
      delete(staged);
    }
  }

  /** Bytes of the regular files under {@code dir}. */
  static long size(Path dir) throws IOException {
    long[] total = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
          total[0] += attrs.size();
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return total[0];
  }
}
