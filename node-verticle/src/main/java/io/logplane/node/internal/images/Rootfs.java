package io.logplane.node.internal.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * An image's root file system made from its unpacked layers, lowest first, as an overlay mount
 * of them would show it: a file of a higher layer replaces a lower one's; a whiteout
 * {@code .wh.NAME} removes the lower layers' {@code NAME}; an opaque marker
 * {@code .wh..wh..opq} hides everything the lower layers had in its directory.
 *
 * <p>Files are hard links to the layers' (layers are shared, not copied); directories are new,
 * with the mode and owner of the highest layer that has them. The result is a read-only lower
 * directory: containers write to an overlay over it, never into it.
 */
final class Rootfs {

  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";

  private Rootfs() {}

  static void build(List<Path> layers, Path target) throws IOException {
    Files.createDirectories(target);
    for (Path layer : layers) {
      merge(layer, target);
    }
  }

  private static void merge(Path from, Path to) throws IOException {
    List<Path> entries;
    try (var list = Files.list(from)) {
      entries = list.sorted().toList();
    }
    for (Path entry : entries) {
      if (entry.getFileName().toString().equals(OPAQUE)) {
        Trees.clear(to);
      }
    }
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.startsWith(WHITEOUT)) {
        if (!name.equals(OPAQUE)) {
          Trees.delete(to.resolve(name.substring(WHITEOUT.length())));
        }
        continue;
      }
      Path dest = to.resolve(name);
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
          Trees.delete(dest);
          Files.createDirectory(dest);
        }
        merge(entry, dest);
        FileAttributes.copy(entry, dest);
      } else {
        Trees.delete(dest);
        Files.createLink(dest, entry);
      }
    }
  }
}
