package io.logplane.node.internal.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Usage read from cgroup and proc files, and rates between two samples. */
class UsageTest {
  private static final Cgroup C1 = Cgroup.of("/logplane/c1");
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void cgroupV1CpuIsCpuacctUsageAndTheWorkingSetLeavesOutTotalInactiveFile() {
    CgroupUsage v1 = new CgroupUsage(Fixtures.host("host"));
    assertFalse(v1.unified());
    assertTrue(v1.exists(C1));
    assertFalse(v1.exists(Cgroup.of("/logplane/gone")));
    // 64Mi in use, 40Mi of it inactive page cache (the hierarchy's total, not the cgroup's own 1Mi)
    assertEquals(new CpuMemory(1_234_567_890L, 24L << 20), v1.read(C1));
    assertEquals(new CpuMemory(5000, 0), new CgroupUsage(Fixtures.host("combined")).read(C1),
        "cpu,cpuacct mounted together; inactive above usage is no working set, not a negative one");
  }

  @Test
  void cgroupV2CpuIsUsageUsecAndTheWorkingSetLeavesOutInactiveFile() {
    CgroupUsage v2 = new CgroupUsage(Fixtures.host("unified"));
    assertTrue(v2.unified());
    assertTrue(v2.exists(C1));
    assertEquals(new CpuMemory(2_500_000_000L, 12L << 20), v2.read(C1));
  }

  @Test
  void theNodesCpuIsItsBusyTicksAndItsMemoryTheMeminfoWorkingSet() {
    // user 1000, nice 50, system 300, irq 20, softirq 30, steal 40 ticks of 10 ms; idle and iowait not
    assertEquals(new CpuMemory(14_400_000_000L, 6_393_216L * 1024),
        new NodeUsage(Fixtures.host("host")).read());
  }

  @Test
  void aProcessCgroupIsFoundInEitherHierarchy() {
    assertEquals(Optional.of(new Cgroup("/", "/process_api/bb9d")), Cgroup.ofProcess(
        "9:name=systemd:/\n4:memory:/process_api/bb9d\n2:cpuacct:/\n1:cpu:/\n0::/\n"));
    assertEquals(Optional.of(new Cgroup("/k/a", "/k/b")), Cgroup.ofProcess(
        "3:cpu,cpuacct:/k/a\n2:memory:/k/b\n"));
    assertEquals(Optional.of(Cgroup.of("/user.slice/x.scope")), Cgroup.ofProcess("0::/user.slice/x.scope\n"));
    assertEquals(Optional.empty(), Cgroup.ofProcess("1:name=systemd:/\n"));
  }

  @Test
  void theRateIsTheCpuUsedBetweenTheLastTwoSamplesPerSecond() {
    UsageSampler s = new UsageSampler();
    assertEquals(Optional.empty(), s.rate(), "no sample");
    s.sample(T0, new CpuMemory(1_000_000_000L, 100));
    assertEquals(Optional.empty(), s.rate(), "one sample");
    s.sample(T0.plusSeconds(10), new CpuMemory(3_500_000_000L, 200));
    assertEquals(Optional.of(new UsageSampler.Rate(250_000_000L, 200, T0.plusSeconds(10),
        Duration.ofSeconds(10))), s.rate(), "2.5 s of cpu in 10 s: a quarter of a cpu");
    s.sample(T0.plusSeconds(25), new CpuMemory(3_500_000_000L + 15_000_000_000L, 300));
    assertEquals(1_000_000_000L, s.rate().orElseThrow().nanoCores(), "only the last two count");
  }

  @Test
  void aCounterThatWentBackOrNoTimeBetweenGiveNoRate() {
    UsageSampler s = new UsageSampler();
    s.sample(T0, new CpuMemory(5_000, 1));
    s.sample(T0.plusSeconds(1), new CpuMemory(10, 1));
    assertEquals(Optional.empty(), s.rate(), "the container was made anew");
    s.sample(T0.plusSeconds(1), new CpuMemory(20, 1));
    assertEquals(Optional.empty(), s.rate());
    s.sample(T0.plusSeconds(2), new CpuMemory(1_000_020, 1));
    assertEquals(1_000_000, s.rate().orElseThrow().nanoCores());
    assertThrows(IllegalArgumentException.class, () -> s.sample(T0, new CpuMemory(0, 0)));
  }
}
