package io.logplane.node.internal.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logplane.node.internal.agent.NodeFacts;
import io.logplane.node.internal.agent.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facts of the machine the tests run on, read as a real node reads them. */
class ThisMachineTest {

  @Test
  void theFactsOfThisMachine(@TempDir Path data) throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/meminfo")), "not a Linux machine: no /proc/meminfo");
    HostFiles host = HostFiles.host();
    NodeFacts f = new MachineFacts(host, data, "runc://test", "127.0.0.1", "this").read();
    assertEquals(Cpus.count(Files.readString(Path.of("/sys/devices/system/cpu/online"))),
        Integer.parseInt(f.capacity().get("cpu")));
    long memory = Quantity.units(f.capacity().get("memory"));
    assertEquals(MemInfo.read(host).total(), memory);
    long hugePages = HugePages.read(host).values().stream().mapToLong(Long::longValue).sum();
    assertEquals(memory - (100L << 20) - hugePages, Quantity.units(f.allocatable().get("memory")));
    assertTrue(Quantity.units(f.allocatable().get("ephemeral-storage"))
        < Quantity.units(f.capacity().get("ephemeral-storage")));
    assertEquals(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim(), f.nodeInfo().bootID());
    assertEquals(System.getProperty("os.version"), f.nodeInfo().kernelVersion());
    assertEquals(NodeFacts.READY, f.conditions().get(3));
    assertEquals(4, f.conditions().size());
  }

  @Test
  void theDefaultRoutesAddress() {
    assumeTrue(Files.isReadable(Path.of("/proc/net/route")), "not a Linux machine: no /proc/net/route");
    assumeTrue(NodeAddresses.defaultRouteInterface(HostFiles.host().read("/proc/net/route")).isPresent(),
        "this machine has no IPv4 default route");
    String ip = MachineFacts.internalIp(HostFiles.host(), false);
    assertTrue(ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), ip);
    assertEquals("127.0.0.1", MachineFacts.internalIp(HostFiles.host(), true));
  }
}
