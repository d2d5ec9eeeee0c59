package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a binary can run alone in the sandbox holder's empty root. */
class NodeToolsTest {

  @Test
  void aDynamicallyLinkedBinaryOrAScriptIsNotStatic(@TempDir Path dir) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    assumeTrue(Files.isExecutable(java) && Files.exists(Path.of("/proc/self")), "not a Linux JDK");
    assertFalse(NodeTools.staticBinary(java), "the JVM's launcher needs its dynamic loader");
    Path script = Files.writeString(dir.resolve("s"), "#!/bin/sh\n");
    script.toFile().setExecutable(true);
    assertFalse(NodeTools.staticBinary(script));
  }

  @Test
  void theStaticBusyboxIs() {
    Path busybox = Path.of("/bin/busybox");
    assumeTrue(Files.isExecutable(busybox), "no /bin/busybox here");
    assumeTrue(!new String(execOut("file", "-L", busybox.toString())).contains("dynamically"),
        "this busybox is not the static one");
    assertTrue(NodeTools.staticBinary(busybox));
  }

  private static byte[] execOut(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      p.waitFor();
      return out;
    } catch (Exception e) {
      return new byte[0];
    }
  }
}
