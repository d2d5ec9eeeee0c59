package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's periodic image GC over a real store, the disk's figures given: nothing goes below
 * 85% used; over it the images no pod names go; a shortfall is the kubelet's
 * FreeDiskSpaceFailed, and ImageGCFailed when the run before failed too.
 */
class PeriodicImageGcTest {
  private static final long GIB = 1L << 30;

  @TempDir
  Path dir;

  private ImageStore store;
  private final AtomicReference<ImageGc.Disk> disk = new AtomicReference<>();
  private final List<String> warnings = new ArrayList<>();
  private PeriodicImageGc gc;

  @BeforeEach
  void twoImages() throws IOException {
    store = new ImageStore(dir.resolve("data"), Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC));
    for (String name : new String[] {"app", "other"}) {
      Path root = Files.createDirectories(dir.resolve(name));
      Files.writeString(root.resolve(name), name);
      byte[] layer = TestImages.layer(root);
      Path archive = dir.resolve(name + ".tar");
      TestImages.dockerArchive(archive, List.of(layer), TestImages.config(List.of(layer)), name + ":v1");
      new ArchiveImport(store).load(archive);
    }
    gc = new PeriodicImageGc(store, disk::get, (reason, message) -> warnings.add(reason + ": " + message));
  }

  private List<String> refs() throws IOException {
    return store.list().stream().flatMap(l -> l.refs().stream()).sorted().toList();
  }

  @Test
  void belowTheHighThresholdNothingGoes() throws IOException {
    disk.set(new ImageGc.Disk(10 * GIB, 2 * GIB)); // 80% used
    assertEquals(List.of(), gc.run(List.of()));
    assertEquals(2, refs().size());
    assertEquals(List.of(), warnings);
  }

  @Test
  void overItTheImagesNoPodNamesGoAndTheShortfallIsTheKubeletsWarnings() throws IOException {
    disk.set(new ImageGc.Disk(10 * GIB, GIB)); // 90% used: 1 GiB to free, far more than both hold
    assertEquals(1, gc.run(List.of("app:v1")).size());
    assertEquals(List.of("docker.io/library/app:v1"), refs(), "the image a pod names stays");
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).matches("FreeDiskSpaceFailed: Failed to garbage collect required amount of images\\."
        + " Attempted to free 1073741824 bytes, but only found \\d+ bytes eligible to free\\."), warnings.get(0));

    gc.run(List.of("app:v1"));
    assertEquals(3, warnings.size(), "failed twice in a row: " + warnings);
    assertTrue(warnings.get(1).startsWith("FreeDiskSpaceFailed: "), warnings.get(1));
    assertEquals("ImageGCFailed: " + warnings.get(1).substring("FreeDiskSpaceFailed: ".length()), warnings.get(2));

    disk.set(new ImageGc.Disk(10 * GIB, 5 * GIB));
    gc.run(List.of("app:v1"));
    assertEquals(3, warnings.size(), "a run that succeeds records nothing");
  }

  @Test
  void aDiskThatCannotBeReadFailsTheRunAndTwiceInARowIsImageGcFailed() {
    PeriodicImageGc broken = new PeriodicImageGc(store, () -> {
      throw new IOException("statfs failed");
    }, (reason, message) -> warnings.add(reason + ": " + message));
    broken.run(List.of());
    assertEquals(List.of(), warnings, "the kubelet records a first failure in its log only");
    broken.run(List.of());
    assertEquals(List.of("ImageGCFailed: statfs failed"), warnings);
  }
}
