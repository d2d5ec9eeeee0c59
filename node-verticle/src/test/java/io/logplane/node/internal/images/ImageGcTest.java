package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The image GC's decision: over 85% used, unused images least recently used first, down to 80%. */
class ImageGcTest {

  private static final Map<String, StoreIndex.ImageEntry> IMAGES = Map.of(
      "old", new StoreIndex.ImageEntry(List.of(), 30, 100),
      "older", new StoreIndex.ImageEntry(List.of(), 30, 50),
      "newest", new StoreIndex.ImageEntry(List.of(), 30, 900),
      "running", new StoreIndex.ImageEntry(List.of(), 500, 10));

  @Test
  void belowTheHighThresholdNothingGoes() {
    assertEquals(List.of(), ImageGc.choose(1000, 160, IMAGES, Set.of(), 85, 80));
  }

  @Test
  void overItUnusedImagesGoOldestFirstUntilUsageIsAtTheLowThreshold() {
    // 90% used: 100 bytes to free to be at 80%; 30 + 30 is not enough, the third goes too
    assertEquals(List.of("older", "old", "newest"), ImageGc.choose(1000, 100, IMAGES, Set.of("running"), 85, 80));
    // 85% used (kube truncates the percentage): 49 to free
    assertEquals(List.of("older", "old"), ImageGc.choose(1000, 151, IMAGES, Set.of("running"), 85, 80));
  }

  @Test
  void imagesOfRunningContainersStay() {
    assertEquals(List.of("older", "old", "newest"), ImageGc.choose(1000, 0, IMAGES, Set.of("running"), 85, 80));
  }
}
