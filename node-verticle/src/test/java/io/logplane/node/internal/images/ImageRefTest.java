package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageRefTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void shortNamesAreDockerHubLibraryAtLatest() throws Exception {
    assertEquals("docker.io/library/busybox:latest", ImageRef.parse("busybox").toString());
    assertEquals("docker.io/library/busybox:1.36", ImageRef.parse("busybox:1.36").toString());
    assertEquals("docker.io/bitnami/nginx:latest", ImageRef.parse("bitnami/nginx").toString());
    assertEquals("docker.io/library/busybox:latest", ImageRef.parse("index.docker.io/busybox").toString());
    assertEquals("docker.io/library/busybox:latest", ImageRef.parse("docker.io/library/busybox:latest").toString());
  }

  @Test
  void aFirstComponentWithADotAPortOrLocalhostIsTheRegistry() throws Exception {
    ImageRef ref = ImageRef.parse("127.0.0.1:5000/team/app:v1");
    assertEquals(new ImageRef("127.0.0.1:5000", "team/app", "v1", ""), ref);
    assertEquals("localhost/app:latest", ImageRef.parse("localhost/app").toString());
    assertEquals("registry.k8s.io/pause:3.9", ImageRef.parse("registry.k8s.io/pause:3.9").toString());
    assertEquals("docker.io/library/busybox:latest", ImageRef.parse("busybox").toString());
  }

  @Test
  void aDigestNamesTheImageWithoutATag() throws Exception {
    ImageRef ref = ImageRef.parse("busybox@" + DIGEST);
    assertEquals("docker.io/library/busybox@" + DIGEST, ref.toString());
    assertEquals(DIGEST, ref.manifestReference());
    assertEquals("docker.io/library/busybox@" + DIGEST, ImageRef.parse("busybox:1.36@" + DIGEST).toString());
    assertEquals("latest", ImageRef.parse("busybox").manifestReference());
  }

  @Test
  void invalidReferencesFailAsDockerSays() {
    for (String bad : new String[] {"", "Busybox", "busybox:", "busy box", "busybox@sha256:abc", "-app",
        "a//b", "busybox:a/b", "ab".repeat(32)}) {
      assertThrows(ImageRef.InvalidReference.class, () -> ImageRef.parse(bad), bad);
    }
    ImageRef.InvalidReference e = assertThrows(ImageRef.InvalidReference.class, () -> ImageRef.parse("busy:x:y"));
    assertEquals("couldn't parse image reference \"busy:x:y\": invalid reference format", e.getMessage());
  }
}
