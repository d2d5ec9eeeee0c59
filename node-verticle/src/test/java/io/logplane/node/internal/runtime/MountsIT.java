package io.logplane.node.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mounts and namespaces a pod's start makes by the kernel's calls, without a process each,
 * checked against what the machine's own tools see ({@code mountinfo}, {@code nsenter}).
 */
class MountsIT {

  @TempDir
  Path dir;

  @BeforeAll
  static void asRoot() {
    assumeTrue(io.logplane.node.RealNode.cannotRun().isEmpty(), "mounts need root");
  }

  @AfterEach
  void nothingLeftMounted() {
    Mounts.unmountAll(dir);
    assertEquals(List.of(), Mounts.under(dir));
  }

  @Test
  void aTmpfsIsMountedOnceAndUnmountedWhole() throws Exception {
    Path volume = dir.resolve("a volume");
    assertFalse(Mounts.mounted(volume), "not there");
    Mounts.tmpfs(volume, 1L << 20);
    assertTrue(Mounts.mounted(volume));
    assertEquals(List.of(volume.toString()), Mounts.under(dir), "a space in its path read back from mountinfo");
    Mounts.tmpfs(volume, 1L << 20);
    assertEquals(1, Mounts.under(dir).size(), "a second set-up mounts nothing more");
    assertTrue(Exec.check("findmnt", "-n", "-o", "FSTYPE,OPTIONS", volume.toString()).contains("size=1024k"));
    Files.writeString(volume.resolve("f"), "x");

    Kernel.mount("tmpfs", volume, "tmpfs", 0, null); // one stacked over it
    Mounts.unmount(volume);
    assertFalse(Mounts.mounted(volume), "both gone");
    assertFalse(Files.exists(volume.resolve("f")), "the tmpfs's file went with it");
    Mounts.unmount(volume); // nothing there: nothing happens
  }

  @Test
  void aPlainDirectoryIsNoMountAndAFailedMountSaysWhy() throws Exception {
    Files.createDirectories(dir.resolve("plain"));
    assertFalse(Mounts.mounted(dir.resolve("plain")));
    Kernel.Failed failed = assertThrows(Kernel.Failed.class,
        () -> Kernel.mount("overlay", dir.resolve("plain"), "overlay", 0, "lowerdir=" + dir.resolve("missing")));
    assertEquals("mount " + dir.resolve("plain") + ": No such file or directory", failed.getMessage());
  }

  @Test
  void podNamespacesArePinnedToFilesWithTheLoopbackUpAndTheHostname() throws Exception {
    Path netns = dir.resolve("net");
    Path ipc = dir.resolve("ns/ipc");
    Path uts = dir.resolve("ns/uts");
    PodNamespaces.pin(netns, ipc, uts, "pinned-pod");
    for (Path p : List.of(netns, ipc, uts)) {
      assertTrue(Mounts.mounted(p), p + " is bound");
    }
    assertEquals("pinned-pod", Exec.check("nsenter", "--uts=" + uts, "hostname").strip());
    assertTrue(Exec.check("nsenter", "--net=" + netns, "ip", "-o", "link", "show", "lo").contains("UP"),
        "the loopback is up");
    assertEquals(1, Exec.check("nsenter", "--net=" + netns, "ip", "-o", "link").lines().count(), "only lo");
    assertNotEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString(),
        Exec.check("nsenter", "--ipc=" + ipc, "readlink", "/proc/self/ns/ipc").strip(), "not the host's");
    assertEquals(Files.readSymbolicLink(Path.of("/proc/self/ns/net")),
        Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")), "this thread stayed where it was");

    String kept = Exec.check("nsenter", "--net=" + netns, "readlink", "/proc/self/ns/net");
    PodNamespaces.pin(netns, ipc, uts, "other");
    assertEquals(kept, Exec.check("nsenter", "--net=" + netns, "readlink", "/proc/self/ns/net"), "kept as it was");

    PodNamespaces.release(netns, ipc, uts);
    assertEquals(List.of(), Mounts.under(dir));
    assertFalse(Files.exists(netns));
  }
}
