package io.logplane.node.internal.volumes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a volume's files the way the kubelet's {@code AtomicWriter} does, so that a reader
 * sees either the old set of files or the new one, never a mix: the files go into a new
 * timestamped directory {@code ..2006_01_02_15_04_05.NNN}, a {@code ..data} symlink is swapped
 * to it by a rename, and each visible top-level name is a symlink through {@code ..data}.
 * Nothing is written when the files are already there as given.
 */
final class AtomicDir {
  static final String DATA = "..data";
  private static final String NEW_DATA = "..data_tmp";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.").withZone(ZoneOffset.UTC);

  private final Clock clock;

  AtomicDir(Clock clock) {
    this.clock = clock;
  }

  /** Makes {@code target} hold exactly {@code payload}; true when something was written. */
  boolean write(Path target, Map<String, FileProjection> payload) {
    payload.keySet().forEach(AtomicDir::validate);
    try {
      Files.createDirectories(target);
      Path data = target.resolve(DATA);
      Path old = Files.isSymbolicLink(data) ? target.resolve(Files.readSymbolicLink(data)) : null;
      Set<String> visible = new HashSet<>();
      payload.keySet().forEach(p -> visible.add(top(p)));
      Set<String> stale = visibleNames(target);
      stale.removeAll(visible);
      if (old != null && stale.isEmpty() && same(old, payload)) {
        return false;
      }
      Path ts = Files.createTempDirectory(target, STAMP.format(clock.instant()));
      Files.setPosixFilePermissions(ts, perms(0755));
      for (Map.Entry<String, FileProjection> f : payload.entrySet()) {
        Path file = ts.resolve(f.getKey());
        for (Path d = file.getParent(); !d.equals(ts) && !Files.isDirectory(d); d = d.getParent()) {
          Files.createDirectories(d);
          Files.setPosixFilePermissions(d, perms(0755));
        }
        Files.write(file, f.getValue().data());
        Files.setPosixFilePermissions(file, perms(f.getValue().mode()));
      }
      Path link = target.resolve(NEW_DATA);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, ts.getFileName());
      Files.move(link, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      for (String name : visible) {
        try {
          Files.createSymbolicLink(target.resolve(name), Path.of(DATA, name));
        } catch (FileAlreadyExistsException e) {
          // the link is there from before: it now leads into the new files
        }
      }
      for (String name : stale) {
        Files.deleteIfExists(target.resolve(name));
      }
      if (old != null && !old.equals(ts)) {
        deleteTree(old);
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As the kubelet's {@code validatePath}: relative, no {@code ..} element, not {@code ..}-led. */
  static void validate(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.startsWith("..")
        || Arrays.asList(path.split("/")).contains("..")) {
      throw new ConfigError("invalid path " + path + " in a volume's files");
    }
  }

  private static String top(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  private static Set<String> visibleNames(Path target) throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> list = Files.list(target)) {
      list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("..")).forEach(out::add);
    }
    return out;
  }

  private static boolean same(Path dir, Map<String, FileProjection> payload) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    Set<String> files = new HashSet<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .forEach(p -> files.add(dir.relativize(p).toString()));
    }
    if (!files.equals(payload.keySet())) {
      return false;
    }
    for (Map.Entry<String, FileProjection> f : payload.entrySet()) {
      Path file = dir.resolve(f.getKey());
      if (!Arrays.equals(Files.readAllBytes(file), f.getValue().data())
          || !Files.getPosixFilePermissions(file).equals(perms(f.getValue().mode()))) {
        return false;
      }
    }
    return true;
  }

  static Set<PosixFilePermission> perms(int mode) {
    Set<PosixFilePermission> out = new HashSet<>();
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        out.add(all[i]);
      }
    }
    return out;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
