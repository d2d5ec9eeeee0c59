package io.logplane.node.internal.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;

/**
 * Owner, mode and time of an unpacked file, as the layer says. Owners are set only when this
 * process runs as root (as a node does); otherwise the files are the process's own.
 */
final class FileAttributes {

  private static final boolean ROOT = uid() == 0;

  private FileAttributes() {}

  /** Mode (with set-id and sticky bits), owner and modification time; owner only on a symlink. */
  static void apply(Path path, int mode, long uid, long gid, FileTime mtime, boolean symlink)
      throws IOException {
    if (ROOT) {
      Files.setAttribute(path, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
    }
    if (symlink) {
      return;
    }
    Files.setAttribute(path, "unix:mode", mode & 07777);
    if (mtime != null) {
      Files.getFileAttributeView(path, BasicFileAttributeView.class).setTimes(mtime, null, null);
    }
  }

  private static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return -1;
    }
  }

  /** Copies owner, mode and time from {@code from} to {@code to} (both directories). */
  static void copy(Path from, Path to) throws IOException {
    apply(to, (Integer) Files.getAttribute(from, "unix:mode", LinkOption.NOFOLLOW_LINKS),
        (Integer) Files.getAttribute(from, "unix:uid", LinkOption.NOFOLLOW_LINKS),
        (Integer) Files.getAttribute(from, "unix:gid", LinkOption.NOFOLLOW_LINKS),
        Files.getLastModifiedTime(from, LinkOption.NOFOLLOW_LINKS), false);
  }
}
