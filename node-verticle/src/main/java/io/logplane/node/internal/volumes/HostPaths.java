package io.logplane.node.internal.volumes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A hostPath volume's {@code type} check, as the kubelet's {@code checkType}. */
final class HostPaths {
  private static final int S_IFMT = 0170000;
  private static final int SOCKET = 0140000;
  private static final int BLOCK = 0060000;
  private static final int CHAR = 0020000;

  private HostPaths() {}

  /** Checks (and for the {@code OrCreate} types makes) {@code path}; a ConfigError if it fails. */
  static Path check(Path path, String type) {
    String p = path.toString();
    switch (type) {
      case "":
        return path;
      case "DirectoryOrCreate":
        if (!Files.exists(path)) {
          create(path, true);
        }
        return expect(Files.isDirectory(path), path, "a directory");
      case "Directory":
        return expect(Files.isDirectory(path), path, "a directory");
      case "FileOrCreate":
        if (!Files.exists(path)) {
          create(path, false);
        }
        return expect(Files.isRegularFile(path), path, "a file");
      case "File":
        return expect(Files.isRegularFile(path), path, "a file");
      case "Socket":
        return expect(kind(path) == SOCKET, path, "a socket file");
      case "CharDevice":
        return expect(kind(path) == CHAR, path, "a character device");
      case "BlockDevice":
        return expect(kind(path) == BLOCK, path, "a block device");
      default:
        throw new ConfigError(type + " is an invalid volume type");
    }
  }

  private static Path expect(boolean ok, Path path, String what) {
    if (!ok) {
      throw new ConfigError("hostPath type check failed: " + path + " is not " + what);
    }
    return path;
  }

  private static int kind(Path path) {
    try {
      return (Integer) Files.getAttribute(path, "unix:mode") & S_IFMT;
    } catch (IOException e) {
      return -1;
    }
  }

  private static void create(Path path, boolean dir) {
    try {
      if (dir) {
        Files.createDirectories(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
      } else {
        Files.createFile(path);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
