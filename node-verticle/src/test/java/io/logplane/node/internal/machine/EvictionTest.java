package io.logplane.node.internal.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.node.internal.agent.NodeFacts;
import io.logplane.node.internal.agent.NodeFacts.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pressure conditions as the eviction manager sets them under the default hard thresholds. */
class EvictionTest {
  private static final long GI = 1L << 30;
  private static final FsStats ROOMY = new FsStats(100 * GI, 50 * GI, 1000, 900);

  @Test
  void memoryIsUnderPressureWhenLessThan100MiIsAvailable() {
    // 16 GiB: the working set is what is not free and not inactive page cache
    long total = 16 * GI;
    MemInfo exactly = new MemInfo(total, 60L << 20, 40L << 20);
    assertEquals(NodeFacts.SUFFICIENT_MEMORY, conditions(exactly, ROOMY).get(0),
        "100Mi available is not below 100Mi");
    Condition pressed = conditions(new MemInfo(total, 60L << 20, (40L << 20) - 1), ROOMY).get(0);
    assertEquals(new Condition("MemoryPressure", "True", "KubeletHasInsufficientMemory",
        "kubelet has insufficient memory available"), pressed);
  }

  @Test
  void diskIsUnderPressureBelowAnyNodeOrImageFileSystemThreshold() {
    MemInfo mem = new MemInfo(16 * GI, 8 * GI, GI);
    assertEquals(NodeFacts.NO_DISK_PRESSURE, conditions(mem, new FsStats(100 * GI, 16 * GI, 1000, 50)).get(1),
        "16% free and 5% of the inodes: no threshold met");
    Condition pressed = new Condition("DiskPressure", "True", "KubeletHasDiskPressure",
        "kubelet has disk pressure");
    assertEquals(pressed, conditions(mem, new FsStats(100 * GI, 15 * GI, 1000, 900)).get(1),
        "the images live there too: imagefs.available<15%, and kube's float32 15% of 100Gi is"
            + " 640 bytes over 15Gi");
    assertEquals(pressed, conditions(mem, new FsStats(100 * GI, 50 * GI, 1000, 49)).get(1),
        "nodefs.inodesFree<5%");
  }

  @Test
  void pidsAreUnderPressureOnlyWhenAThresholdWatchesThem() {
    MemInfo mem = new MemInfo(16 * GI, 8 * GI, GI);
    Observations full = new Observations(mem, ROOMY, ROOMY, 1000, 999);
    assertEquals(NodeFacts.SUFFICIENT_PID, Eviction.conditions(Thresholds.DEFAULTS, full).get(2),
        "the kubelet's defaults have no pid.available threshold");
    Thresholds withPids = new Thresholds(List.of(
        Thresholds.Threshold.belowShare(Thresholds.Signal.PID_AVAILABLE, 0.10f)));
    assertEquals(new Condition("PIDPressure", "True", "KubeletHasInsufficientPID",
        "kubelet has insufficient PID available"), Eviction.conditions(withPids, full).get(2));
  }

  @Test
  void tasksAreLoadavgsTotal() {
    assertEquals(412, Observations.tasks("0.52 0.61 0.70 3/412 12345\n"));
  }

  private static List<Condition> conditions(MemInfo mem, FsStats fs) {
    return Eviction.conditions(Thresholds.DEFAULTS, new Observations(mem, fs, fs, 4_194_304, 400));
  }
}
