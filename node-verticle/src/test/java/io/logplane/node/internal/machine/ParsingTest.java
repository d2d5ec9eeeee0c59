package io.logplane.node.internal.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small kernel and system formats the node reads. */
class ParsingTest {

  @Test
  void bytesPrintAsKubesBinaryQuantities() {
    assertEquals("0", Bytes.quantity(0));
    assertEquals("512", Bytes.quantity(512));
    assertEquals("1k", Bytes.quantity(1000), "under 1024 kube prints the decimal form");
    assertEquals("1025", Bytes.quantity(1025));
    assertEquals("100Mi", Bytes.quantity(100L << 20));
    assertEquals("24683548Ki", Bytes.quantity(24_683_548L * 1024));
    assertEquals("2Gi", Bytes.quantity(2L << 30));
  }

  @Test
  void onlineCpusAreCountedFromTheirList() {
    assertEquals(2, Cpus.count("0-1\n"));
    assertEquals(7, Cpus.count("0-3,6,8-9"));
    assertEquals(1, Cpus.count("0"));
    assertThrows(IllegalStateException.class, () -> Cpus.count("\n"));
  }

  @Test
  void meminfoIsInBytesAndItsWorkingSetLeavesOutFreeAndInactivePageCache() {
    MemInfo m = MemInfo.read(Fixtures.host("host"));
    assertEquals(new MemInfo(16_393_216L * 1024, 8_000_000L * 1024, 2_000_000L * 1024), m);
    assertEquals(6_393_216L * 1024, m.workingSet());
    assertThrows(IllegalStateException.class, () -> MemInfo.parse("MemTotal: 1 kB\n"));
  }

  @Test
  void statfsFiguresAreBytesAndInodes() {
    assertEquals(new FsStats(4096L * 100, 4096L * 40, 64, 60), FsStats.parse("4096 100 40 64 60\n"));
    assertThrows(IllegalStateException.class, () -> FsStats.parse("4096 100"));
  }

  @Test
  void osImageIsThePrettyNameUnquoted() {
    assertEquals("Debian GNU/Linux 12 (bookworm)",
        MachineInfo.prettyName("NAME=x\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"));
    assertEquals("Alpine Linux v3.19", MachineInfo.prettyName("PRETTY_NAME='Alpine Linux v3.19'"));
    assertEquals("Plain", MachineInfo.prettyName("PRETTY_NAME=Plain"));
  }

  @Test
  void theDefaultRouteWithTheLowestMetricNamesTheInterface() {
    assertEquals(Optional.of("eth1"), NodeAddresses.defaultRouteInterface(
        Fixtures.host("host").read("/proc/net/route")));
    assertEquals(Optional.empty(), NodeAddresses.defaultRouteInterface(
        "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n"
            + "cni0\t0000F40A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n"));
  }
}
