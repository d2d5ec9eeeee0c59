package io.logplane.projections.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library from a copy kept in the user's cache directory
 * ({@code $XDG_CACHE_HOME/logplane/native}, else {@code ~/.cache/logplane/native}), one per jar
 * that holds it (a build of Logplane), written once; copies of other builds made more than a week
 * before are removed when another is made.
 *
 * <p>RocksDB's own loader inflates the 17 MB library out of its jar into a new temporary file at
 * every start: 170-210 ms of a starting server's main thread on a small machine (75-85 ms from the
 * copy), and a file left in {@code /tmp} by every server that was killed (it is deleted on exit
 * only). Where the cache cannot be used (no home, a read-only one, the library not in a jar),
 * RocksDB's loader does as before.
 */
public final class NativeRocks {

  private static final Logger LOG = LoggerFactory.getLogger(NativeRocks.class);

  private NativeRocks() {}

  /** Loads the library (once per process: RocksDB's loader remembers it did). */
  public static void load() {
    Path dir = null;
    try {
      Path base = cacheHome();
      dir = base == null ? null : cached(base.resolve("logplane").resolve("native"));
    } catch (IOException | RuntimeException e) {
      LOG.debug("RocksDB's library is loaded by RocksDB's loader: {}", e.toString());
    }
    if (dir != null) {
      try {
        RocksDB.loadLibrary(List.of(dir.toString()));
        return;
      } catch (UnsatisfiedLinkError e) {
        LOG.debug("the cached copy of RocksDB's library in {} did not load: {}", dir, e.toString());
      }
    }
    RocksDB.loadLibrary();
  }

  /** The directory holding the library under the name RocksDB's path loader asks for, or null. */
  static Path cached(Path cache) throws IOException {
    Path jar = codeSource();
    if (jar == null) {
      return null;
    }
    // Named by the jar that holds the library, as built: opening the jar to read the entry's CRC
    // took as long as the extraction it would spare.
    String build = Integer.toHexString((jar.toAbsolutePath() + "|" + Files.size(jar) + "|"
        + Files.getLastModifiedTime(jar).toMillis()).hashCode());
    Path dir = cache.resolve("rocksdbjni-" + build);
    // the name RocksDB's loadLibrary(paths) loads from each path it is given
    Path file = dir.resolve(Environment.getJniLibraryFileName("rocksdbjni"));
    if (Files.isRegularFile(file)) {
      return dir;
    }
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "extracting-", ".so");
    try {
      try (InputStream in = RocksDB.class.getClassLoader().getResourceAsStream(
          Environment.getJniLibraryFileName("rocksdb"))) {
        if (in == null) {
          return null;
        }
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      // whole or absent under its name: another server starting at the same time writes the same bytes
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    prune(cache, dir);
    return dir;
  }

  /** Removes the copies of other builds made more than a week ago (a loaded copy may go: its pages stay mapped). */
  private static void prune(Path nativeDir, Path keep) {
    long weekAgo = System.currentTimeMillis() - java.util.concurrent.TimeUnit.DAYS.toMillis(7);
    try (java.util.stream.Stream<Path> dirs = Files.list(nativeDir)) {
      for (Path d : (Iterable<Path>) dirs::iterator) {
        if (!d.equals(keep) && d.getFileName().toString().startsWith("rocksdbjni-")
            && Files.getLastModifiedTime(d).toMillis() < weekAgo) {
          try (java.util.stream.Stream<Path> files = Files.list(d)) {
            for (Path f : (Iterable<Path>) files::iterator) {
              Files.deleteIfExists(f);
            }
          }
          Files.deleteIfExists(d);
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot prune {}: {}", nativeDir, e.toString());
    }
  }

  /** The jar RocksDB's classes (and its library) came from, or null when not a jar file. */
  private static Path codeSource() {
    try {
      java.security.CodeSource source = RocksDB.class.getProtectionDomain().getCodeSource();
      Path p = source == null ? null : Path.of(source.getLocation().toURI());
      return p != null && Files.isRegularFile(p) ? p : null;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static Path cacheHome() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg);
    }
    String home = System.getProperty("user.home");
    return home == null || home.isBlank() || home.equals("?") ? null : Path.of(home, ".cache");
  }
}
