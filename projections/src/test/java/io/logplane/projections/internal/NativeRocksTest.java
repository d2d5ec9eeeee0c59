package io.logplane.projections.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/** The cached copy of RocksDB's native library: written once per jar, whole, and old builds' copies pruned. */
class NativeRocksTest {

  @TempDir
  Path cache;

  @Test
  void theLibraryIsCopiedOnceUnderTheNameRocksDbLoadsAndOldBuildsGo() throws Exception {
    Path old = Files.createDirectories(cache.resolve("rocksdbjni-0ld"));
    Files.writeString(old.resolve("librocksdbjnijni-linux64.so"), "an old build's copy");
    Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(8))));
    Path recent = Files.createDirectories(cache.resolve("rocksdbjni-recent"));

    Path dir = NativeRocks.cached(cache);
    assertNotNull(dir, "RocksDB's jar is a file here: its library is cached");
    Path file = dir.resolve(Environment.getJniLibraryFileName("rocksdbjni"));
    byte[] inJar;
    try (InputStream in = RocksDB.class.getClassLoader().getResourceAsStream(Environment.getJniLibraryFileName("rocksdb"))) {
      inJar = in.readAllBytes();
    }
    assertEquals(inJar.length, Files.size(file));
    assertArrayEquals(Arrays.copyOf(inJar, 4096), Arrays.copyOf(Files.readAllBytes(file), 4096));
    try (var left = Files.list(dir)) {
      assertEquals(1, left.count(), "no partial copy is left beside it");
    }
    assertFalse(Files.exists(old), "a copy of another build made more than a week ago is removed");
    assertTrue(Files.exists(recent), "a recent one stays: a server of that build may start from it");

    FileTime written = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
    Files.setLastModifiedTime(file, written);
    assertEquals(dir, NativeRocks.cached(cache));
    assertEquals(written, Files.getLastModifiedTime(file), "a second start reads the copy, it does not write it again");
  }
}
