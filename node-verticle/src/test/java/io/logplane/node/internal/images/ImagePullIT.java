package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logplane.node.internal.runtime.Image;
import io.logplane.node.internal.runtime.ImageSource.ImageUnavailable;
import io.logplane.node.internal.runtime.ImageSource.RegistryAuth;
import io.logplane.node.internal.runtime.RealNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A busybox image made from the machine's static busybox, imported from a docker archive, pushed
 * to Debian's docker-registry on loopback (one without auth, one behind htpasswd, one behind a
 * token service: {@link TokenService}) and pulled back through the node's image source.
 */
class ImagePullIT {

  private static Path dir;
  private static LocalRegistry open;
  private static LocalRegistry guarded;
  private static TokenService tokens;
  private static LocalRegistry tokened;
  private static byte[] layer;
  private static byte[] config;
  private static byte[] manifest;
  private static byte[] index;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(LocalRegistry.BINARY), "the test registry needs " + LocalRegistry.BINARY);
    assumeTrue(Files.isExecutable(RealNode.BUSYBOX), "the test image needs " + RealNode.BUSYBOX);
    dir = Files.createTempDirectory("lpimg");
    layer = TestImages.layer(RealNode.busyboxRoot(dir.resolve("busybox")));
    config = TestImages.config(List.of(layer), "sh");
    byte[] gzipped = TestImages.gzip(layer);
    manifest = TestImages.manifest(config, List.of(gzipped));
    index = TestImages.index(manifest);
    open = new LocalRegistry(Files.createDirectories(dir.resolve("open")), null, null);
    guarded = new LocalRegistry(Files.createDirectories(dir.resolve("guarded")), "puller", "s3cret");
    tokens = new TokenService("puller", "s3cret");
    Path tokenDir = Files.createDirectories(dir.resolve("tokened"));
    tokened = new LocalRegistry(tokenDir, new LocalRegistry.Auth(tokens.registryConfig(tokenDir),
        "Bearer " + tokens.token("repository:library/busybox:pull,push")));
    for (LocalRegistry registry : List.of(open, guarded, tokened)) {
      push(registry, "library/busybox", "1", config, List.of(gzipped), manifest);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (LocalRegistry r : new LocalRegistry[] {open, guarded, tokened}) {
      if (r != null) {
        r.close();
      }
    }
    if (tokens != null) {
      tokens.close();
    }
    if (dir != null) {
      Trees.delete(dir);
    }
  }

  @Test
  void anImportedDockerArchiveRunsFromTheStore() throws Exception {
    ImageStore store = store("import");
    Path archive = dir.resolve("busybox.tar");
    TestImages.dockerArchive(archive, List.of(layer), config, "busybox:latest");
    new ArchiveImport(store).load(archive);

    Image image = new StoreImageSource(store).resolve("busybox", "Never", List.of());
    assertTrue(Files.isSymbolicLink(image.rootfs().resolve("bin/sh")));
    assertTrue(Files.isExecutable(image.rootfs().resolve("bin/busybox")));
    assertEquals(List.of("sh"), image.config().cmd());
  }

  @Test
  void anIndexIsPulledForLinuxAmd64AndItsDigestsAreKept() throws Exception {
    ImageStore store = store("pull");
    Image image = new StoreImageSource(store).resolve(open.host + "/library/busybox:1", "IfNotPresent", List.of());

    assertTrue(Files.isSymbolicLink(image.rootfs().resolve("bin/sh")));
    ImageStore.Stored stored = store.find(ImageRef.parse(open.host + "/library/busybox:1")).orElseThrow();
    assertEquals(Digests.of(config), stored.id());
    assertEquals(Digests.of(index), stored.manifest(), "the tag's digest is the index's");
    assertEquals(open.host + "/library/busybox@" + Digests.of(index), image.id(), "a container's imageID");
    assertTrue(store.hasLayer(Digests.of(layer)));
    assertTrue(store.hasBlob(Digests.of(manifest)));

    Image byDigest = new StoreImageSource(store).resolve(open.host + "/library/busybox@" + Digests.of(index), "IfNotPresent",
        List.of());
    assertEquals(image.rootfs(), byDigest.rootfs());
  }

  @Test
  void alwaysFetchesWhatTheTagNamesNowAndOnlyTheLayersTheStoreLacks() throws Exception {
    ImageStore store = store("always");
    StoreImageSource source = new StoreImageSource(store);
    String ref = open.host + "/library/busybox:2";
    push(open, "library/busybox", "2", config, List.of(TestImages.gzip(layer)), manifest);
    Image first = source.resolve(ref, "IfNotPresent", List.of());
    Path busybox = store.dir().resolve("layers").resolve(Digests.hex(Digests.of(layer))).resolve("bin/busybox");
    Object inode = Files.getAttribute(busybox, "unix:ino");

    Path extraDir = Files.createDirectories(dir.resolve("extra/etc"));
    Files.writeString(extraDir.resolve("extra"), "second version\n");
    byte[] extra = TestImages.layer(dir.resolve("extra"));
    byte[] config2 = TestImages.config(List.of(layer, extra), "sh");
    List<byte[]> layers2 = List.of(TestImages.gzip(layer), TestImages.gzip(extra));
    push(open, "library/busybox", "2", config2, layers2, TestImages.manifest(config2, layers2));

    assertEquals(first, source.resolve(ref, "IfNotPresent", List.of()), "present: not pulled again");
    Image second = source.resolve(ref, "Always", List.of());
    assertNotEquals(first.rootfs(), second.rootfs());
    assertEquals("second version\n", Files.readString(second.rootfs().resolve("etc/extra")));
    assertTrue(Files.isSymbolicLink(second.rootfs().resolve("bin/sh")));
    assertFalse(Files.exists(first.rootfs().resolve("etc/extra")));
    assertEquals(inode, Files.getAttribute(busybox, "unix:ino"), "the busybox layer was not unpacked again");
    assertEquals(Files.getAttribute(busybox, "unix:ino"), Files.getAttribute(second.rootfs().resolve("bin/busybox"),
        "unix:ino"), "both images share the layer's files");
    assertEquals(second, source.resolve(ref, "Always", List.of()));
  }

  @Test
  void aGuardedRegistryNeedsThePodsPullSecret() throws Exception {
    ImageStore store = store("guarded");
    StoreImageSource source = new StoreImageSource(store);
    String ref = guarded.host + "/library/busybox:1";

    ImageUnavailable denied = assertThrows(ImageUnavailable.class, () -> source.resolve(ref, "IfNotPresent", List.of()));
    assertEquals("ErrImagePull", denied.reason());
    assertTrue(denied.getMessage().startsWith("failed to pull and unpack image \"" + ref + "\": failed to resolve"
        + " reference \"" + ref + "\": pull access denied"), denied.getMessage());

    ImageUnavailable wrong = assertThrows(ImageUnavailable.class, () -> source.resolve(ref, "IfNotPresent",
        List.of(new RegistryAuth(guarded.host, "puller", "wrong"))));
    assertEquals("ErrImagePull", wrong.reason());

    Image image = source.resolve(ref, "IfNotPresent", List.of(new RegistryAuth("elsewhere.example", "x", "y"),
        new RegistryAuth("http://" + guarded.host, "puller", "s3cret")));
    assertTrue(Files.isSymbolicLink(image.rootfs().resolve("bin/sh")));
  }

  @Test
  void aRegistryBehindATokenServiceIsPulledWithATokenForThePullSecretsCredentials() throws Exception {
    StoreImageSource source = new StoreImageSource(store("token"));
    String ref = tokened.host + "/library/busybox:1";
    String tokenUri = "http://127.0.0.1:" + tokens.port + "/token?scope=repository%3Alibrary%2Fbusybox%3Apull&service="
        + TokenService.SERVICE;

    ImageUnavailable anonymous = assertThrows(ImageUnavailable.class, () -> source.resolve(ref, "IfNotPresent",
        List.of()));
    assertEquals("ErrImagePull", anonymous.reason());
    assertEquals("failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref + "\": failed"
        + " to authorize: failed to fetch anonymous token: unexpected status from GET request to " + tokenUri
        + ": 401 Unauthorized", anonymous.getMessage());

    ImageUnavailable wrong = assertThrows(ImageUnavailable.class, () -> source.resolve(ref, "IfNotPresent",
        List.of(new RegistryAuth(tokened.host, "puller", "wrong"))));
    assertEquals("ErrImagePull", wrong.reason());
    assertEquals("failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref + "\": failed"
        + " to authorize: failed to fetch oauth token: unexpected status from GET request to " + tokenUri
        + ": 401 Unauthorized", wrong.getMessage());

    int issued = tokens.issued.get();
    Image image = source.resolve(ref, "IfNotPresent", List.of(new RegistryAuth(tokened.host, "puller", "s3cret")));
    assertTrue(Files.isSymbolicLink(image.rootfs().resolve("bin/sh")));
    assertTrue(tokens.issued.get() > issued, "the pull's token came from the token service");
  }

  @Test
  void aMissingTagIsErrImagePull() throws Exception {
    StoreImageSource source = new StoreImageSource(store("missing"));
    ImageUnavailable e = assertThrows(ImageUnavailable.class, () -> source.resolve(open.host + "/library/nosuch:9", "Always",
        List.of()));
    assertEquals("ErrImagePull", e.reason());
    String ref = open.host + "/library/nosuch:9";
    assertEquals("failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref + "\": "
        + ref + ": not found", e.getMessage());
  }

  @Test
  void aRegistryThatRefusesTheConnectionIsErrImagePullSayingSo() throws Exception {
    int port;
    try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    String ref = "127.0.0.1:" + port + "/library/busybox:1";
    ImageUnavailable e = assertThrows(ImageUnavailable.class, () -> new StoreImageSource(store("refused"))
        .resolve(ref, "IfNotPresent", List.of()));
    assertEquals("ErrImagePull", e.reason());
    assertEquals("failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref + "\": failed"
        + " to do request: Get \"http://127.0.0.1:" + port + "/v2/library/busybox/manifests/1\": dial tcp 127.0.0.1:"
        + port + ": connect: connection refused", e.getMessage());
  }

  private static ImageStore store(String name) {
    return new ImageStore(dir.resolve("nodes").resolve(name), Clock.systemUTC());
  }

  /** Pushes the layers, config and manifest, then an index of it under {@code tag}. */
  private static void push(LocalRegistry registry, String repository, String tag, byte[] config, List<byte[]> layers,
      byte[] manifest) throws IOException {
    registry.pushBlob(repository, config);
    for (byte[] l : layers) {
      registry.pushBlob(repository, l);
    }
    registry.pushManifest(repository, Digests.of(manifest), Manifests.OCI_MANIFEST, manifest);
    registry.pushManifest(repository, tag, Manifests.OCI_INDEX, TestImages.index(manifest));
  }
}
