package io.logplane.node.internal.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks one layer's tar stream (already decompressed) into a directory, as it is: files,
 * directories, symlinks, hard links, owners and modes; whiteout files ({@code .wh.*}) stay as
 * empty files for {@link Rootfs} to honour. Device nodes and FIFOs are skipped: runc gives a
 * container its {@code /dev}. No entry may write outside the directory.
 */
final class LayerTar {

  private LayerTar() {}

  static void unpack(InputStream tar, Path dir) throws IOException {
    Files.createDirectories(dir);
    Deque<Runnable> dirTimes = new ArrayDeque<>();
    TarArchiveInputStream in = new TarArchiveInputStream(tar);
    TarArchiveEntry entry;
    while ((entry = in.getNextEntry()) != null) {
      Path target = inside(dir, entry.getName());
      if (target.equals(dir)) {
        continue;
      }
      Files.createDirectories(target.getParent());
      FileTime mtime = FileTime.from(entry.getModTime().toInstant());
      if (entry.isDirectory()) {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          Trees.delete(target);
          Files.createDirectory(target);
        }
        TarArchiveEntry d = entry;
        dirTimes.push(() -> applyQuietly(target, d, mtime));
        continue;
      }
      Trees.delete(target);
      if (entry.isSymbolicLink()) {
        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
        FileAttributes.apply(target, entry.getMode(), entry.getLongUserId(), entry.getLongGroupId(), mtime, true);
      } else if (entry.isLink()) {
        Files.createLink(target, inside(dir, entry.getLinkName()));
      } else if (entry.isFile()) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        FileAttributes.apply(target, entry.getMode(), entry.getLongUserId(), entry.getLongGroupId(), mtime, false);
      }
    }
    // directories last, deepest first: writing their children changed their times
    while (!dirTimes.isEmpty()) {
      dirTimes.pop().run();
    }
  }

  /** {@code name} resolved under {@code dir}; fails on an entry that would leave it. */
  static Path inside(Path dir, String name) throws IOException {
    Path target = dir.resolve(name.startsWith("/") ? name.substring(1) : name).normalize();
    if (!target.startsWith(dir)) {
      throw new IOException("layer entry " + name + " points outside the layer");
    }
    return target;
  }

  private static void applyQuietly(Path dir, TarArchiveEntry entry, FileTime mtime) {
    try {
      FileAttributes.apply(dir, entry.getMode(), entry.getLongUserId(), entry.getLongGroupId(), mtime, false);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
