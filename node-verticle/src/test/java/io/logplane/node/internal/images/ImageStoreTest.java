package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.node.internal.runtime.Image;
import io.logplane.node.internal.runtime.ImageConfig;
import io.logplane.node.internal.runtime.ImageSource.ImageUnavailable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports into the store, layers shared between images, removal, and the pull policies offline. */
class ImageStoreTest {

  @TempDir
  Path dir;

  private ImageStore store;
  private byte[] base;
  private byte[] app;
  private byte[] other;

  @BeforeEach
  void layers() throws Exception {
    store = new ImageStore(dir.resolve("data"), Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC));
    base = TestImages.layer(tree("base", "bin/sh", "shell", "etc/motd", "base"));
    app = TestImages.layer(tree("app", "app/run", "app", "etc/.wh.motd", ""));
    other = TestImages.layer(tree("other", "other/run", "other"));
  }

  @Test
  void aDockerArchiveIsImportedUnderItsTagsAndItsLayersAreShared() throws Exception {
    Path first = dir.resolve("first.tar");
    TestImages.dockerArchive(first, List.of(base, app), TestImages.config(List.of(base, app), "/app/run"), "app:v1");
    Path second = dir.resolve("second.tar");
    TestImages.dockerArchive(second, List.of(base, other), TestImages.config(List.of(base, other), "/other/run"),
        "example.com/other:v2");
    ImageStore.Stored a = new ArchiveImport(store).load(first).get(0);
    new ArchiveImport(store).load(second);

    ImageStore.Stored found = store.find(ImageRef.parse("docker.io/library/app:v1")).orElseThrow();
    assertEquals(a, found);
    assertEquals(ImageConfig.ofCmd("/app/run"), found.config());
    assertEquals("shell", Files.readString(found.rootfs().resolve("bin/sh")));
    assertFalse(Files.exists(found.rootfs().resolve("etc/motd")), "the app layer's whiteout hides the base's file");
    assertEquals(3, count(store.dir().resolve("layers")), "base, app and other: base unpacked once");
    assertEquals(List.of(List.of("docker.io/library/app:v1"), List.of("example.com/other:v2")),
        store.list().stream().map(ImageStore.Listed::refs).sorted((x, y) -> x.get(0).compareTo(y.get(0))).toList());
    assertEquals(List.of(), leftovers(store.dir().resolve("tmp")));
  }

  @Test
  void removingAnImageKeepsTheLayersAnotherImageHas() throws Exception {
    TestImages.dockerArchive(dir.resolve("a.tar"), List.of(base, app), TestImages.config(List.of(base, app)), "app");
    TestImages.dockerArchive(dir.resolve("b.tar"), List.of(base, other), TestImages.config(List.of(base, other)), "other");
    new ArchiveImport(store).load(dir.resolve("a.tar"));
    ImageStore.Stored b = new ArchiveImport(store).load(dir.resolve("b.tar")).get(0);

    assertEquals(1, store.remove("app").images().size());
    assertEquals(2, count(store.dir().resolve("layers")));
    assertEquals(1, count(store.dir().resolve("rootfs")));
    assertTrue(store.find(ImageRef.parse("other")).isPresent());
    assertEquals(new ImageStore.Removed(false, List.of()), store.remove("app"), "removed already");

    assertEquals(new ImageStore.Removed(true, List.of(b.id())), store.remove(b.id()));
    assertEquals(0, count(store.dir().resolve("layers")));
    assertEquals(List.of(), store.list());
  }

  @Test
  void anOciLayoutWithAnIndexIsImportedForLinuxAmd64() throws Exception {
    byte[] gzBase = TestImages.gzip(base);
    byte[] config = TestImages.config(List.of(base), "sh");
    byte[] manifest = TestImages.manifest(config, List.of(gzBase));
    byte[] index = TestImages.index(manifest);
    TestImages.ociLayout(dir.resolve("oci.tar"), "registry.example:5000/base:1", index, List.of(manifest, config, gzBase));

    ImageStore.Stored s = new ArchiveImport(store).load(dir.resolve("oci.tar")).get(0);

    assertEquals(Digests.of(config), s.id());
    assertEquals(Digests.of(manifest), s.manifest());
    assertEquals("shell", Files.readString(store.find(ImageRef.parse("registry.example:5000/base:1"))
        .orElseThrow().rootfs().resolve("bin/sh")));
  }

  @Test
  void aLayerThatIsNotWhatTheConfigSaysIsRefused() throws Exception {
    TestImages.dockerArchive(dir.resolve("bad.tar"), List.of(app), TestImages.config(List.of(base)), "bad");
    IOException e = assertThrows(IOException.class, () -> new ArchiveImport(store).load(dir.resolve("bad.tar")));
    assertTrue(e.getMessage().startsWith("layer has digest " + Digests.of(app)), e.getMessage());
    assertEquals(List.of(), store.list());
  }

  @Test
  void pullPoliciesWithoutARegistry() throws Exception {
    StoreImageSource source = new StoreImageSource(store);
    TestImages.dockerArchive(dir.resolve("a.tar"), List.of(base), TestImages.config(List.of(base), "sh"), "busybox:latest");
    new ArchiveImport(store).load(dir.resolve("a.tar"));

    Image image = source.resolve("busybox", "Never", List.of());
    assertEquals("shell", Files.readString(image.rootfs().resolve("bin/sh")));
    assertEquals(image, source.resolve("docker.io/library/busybox:latest", "IfNotPresent", List.of()));
    assertEquals(store.list().get(0).id(), image.id(),
        "a docker archive brings no manifest: the image is known by its config's digest, as containerd's CRI names it");

    ImageUnavailable never = assertThrows(ImageUnavailable.class, () -> source.resolve("nginx:1.25", "Never", List.of()));
    assertEquals("ErrImageNeverPull", never.reason());
    assertEquals("Container image \"nginx:1.25\" is not present with pull policy of Never", never.getMessage());

    ImageUnavailable invalid = assertThrows(ImageUnavailable.class, () -> source.resolve("Nginx", "Always", List.of()));
    assertEquals("InvalidImageName", invalid.reason());
    assertEquals("Failed to apply default image tag \"Nginx\": couldn't parse image reference \"Nginx\":"
        + " repository name must be lowercase", invalid.getMessage());
  }

  private Path tree(String name, String... pathsAndContents) throws IOException {
    Path root = Files.createDirectories(dir.resolve(name));
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      Path file = root.resolve(pathsAndContents[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, pathsAndContents[i + 1]);
    }
    return root;
  }

  private static long count(Path d) throws IOException {
    if (!Files.isDirectory(d)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }

  private static List<Path> leftovers(Path d) throws IOException {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }
}
