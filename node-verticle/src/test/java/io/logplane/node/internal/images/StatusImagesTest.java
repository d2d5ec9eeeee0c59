package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.node.internal.agent.NodeFacts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store's images as a Node's status reports them. */
class StatusImagesTest {

  @Test
  void largestFirstDigestsBeforeTagsAtMostFiveNames() {
    List<NodeFacts.Image> images = StatusImages.of(List.of(
        new ImageStore.Listed("sha256:1", List.of("docker.io/library/busybox:it"), 100, 5),
        new ImageStore.Listed("sha256:2", List.of("a:1", "a:2", "a@sha256:d", "a:3", "a:4", "a:5"), 300, 1)));
    assertEquals(List.of(new NodeFacts.Image(List.of("a@sha256:d", "a:1", "a:2", "a:3", "a:4"), 300),
        new NodeFacts.Image(List.of("docker.io/library/busybox:it"), 100)), images);
  }

  @Test
  void atMostFifty() {
    List<ImageStore.Listed> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(new ImageStore.Listed("sha256:" + i, List.of("i:" + i), i, 0));
    }
    List<NodeFacts.Image> images = StatusImages.of(many);
    assertEquals(50, images.size());
    assertEquals(59, images.get(0).sizeBytes());
    assertEquals(10, images.get(49).sizeBytes());
  }
}
