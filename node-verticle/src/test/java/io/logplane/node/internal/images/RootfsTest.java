package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers merged into a root file system as an overlay mount of them shows it. */
class RootfsTest {

  @TempDir
  Path dir;

  @Test
  void higherLayersReplaceLowerFilesAndWhiteoutsRemoveThem() throws IOException {
    Path lower = layer("lower", "etc/keep", "lower", "etc/gone", "lower", "etc/replaced", "lower",
        "var/cache/a", "lower", "var/cache/b", "lower", "opt/dir/x", "lower");
    Path upper = layer("upper", "etc/replaced", "upper", "etc/.wh.gone", "", "var/cache/.wh..wh..opq", "",
        "var/cache/c", "upper", "opt/.wh.dir", "", "opt/new", "upper");
    Path rootfs = dir.resolve("rootfs");
    Rootfs.build(List.of(lower, upper), rootfs);

    assertEquals("lower", Files.readString(rootfs.resolve("etc/keep")));
    assertEquals("upper", Files.readString(rootfs.resolve("etc/replaced")));
    assertFalse(Files.exists(rootfs.resolve("etc/gone")));
    assertEquals(List.of("c"), names(rootfs.resolve("var/cache")), "an opaque directory hides the lower entries");
    assertEquals(List.of("new"), names(rootfs.resolve("opt")));
    assertEquals(List.of(), whiteoutsUnder(rootfs));
  }

  @Test
  void aFileReplacesADirectoryAndASymlinkIsKept() throws IOException {
    Path lower = layer("lower", "a/b/c", "lower");
    Path upper = layer("upper", "a/b", "now a file");
    Files.createSymbolicLink(upper.resolve("link"), Path.of("a/b"));
    Path rootfs = dir.resolve("rootfs");
    Rootfs.build(List.of(lower, upper), rootfs);

    assertEquals("now a file", Files.readString(rootfs.resolve("a/b")));
    assertTrue(Files.isSymbolicLink(rootfs.resolve("link")));
    assertEquals(Path.of("a/b"), Files.readSymbolicLink(rootfs.resolve("link")));
  }

  @Test
  void filesAreSharedWithTheLayerNotCopied() throws IOException {
    Path only = layer("only", "bin/tool", "x");
    Rootfs.build(List.of(only), dir.resolve("rootfs"));
    assertEquals(Files.getAttribute(only.resolve("bin/tool"), "unix:ino"),
        Files.getAttribute(dir.resolve("rootfs/bin/tool"), "unix:ino"));
  }

  @Test
  void aLayerTarUnpacksToTheSameTreeItWasMadeFrom() throws IOException {
    Path src = layer("src", "bin/sh", "#!", "etc/.wh.old", "");
    Files.setAttribute(src.resolve("bin/sh"), "unix:mode", 04755);
    Files.createSymbolicLink(src.resolve("bin/ash"), Path.of("sh"));
    Path out = dir.resolve("out");
    LayerTar.unpack(new java.io.ByteArrayInputStream(TestImages.layer(src)), out);

    assertEquals(04755, (Integer) Files.getAttribute(out.resolve("bin/sh"), "unix:mode") & 07777);
    assertEquals(Path.of("sh"), Files.readSymbolicLink(out.resolve("bin/ash")));
    assertTrue(Files.exists(out.resolve("etc/.wh.old")), "whiteouts stay in the unpacked layer");
  }

  private Path layer(String name, String... pathsAndContents) throws IOException {
    Path root = Files.createDirectories(dir.resolve(name));
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      Path file = root.resolve(pathsAndContents[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, pathsAndContents[i + 1]);
    }
    return root;
  }

  private static List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<Path> whiteoutsUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".wh.")
          && Files.exists(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }
}
