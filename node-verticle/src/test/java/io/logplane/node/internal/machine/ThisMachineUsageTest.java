package io.logplane.node.internal.machine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Usage of this test's own JVM, read from its real cgroup, and of this machine. */
class ThisMachineUsageTest {

  @Test
  void theCgroupOfThisJvmShowsTheCpuItBurnsAndTheMemoryItHolds() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/cgroup")), "not a Linux machine: no /proc/self/cgroup");
    HostFiles host = HostFiles.host();
    Optional<Cgroup> own = Cgroup.ofProcess(host.read("/proc/self/cgroup"));
    assumeTrue(own.isPresent(), "this JVM is in no cpuacct and memory cgroup");
    CgroupUsage usage = new CgroupUsage(host);
    assumeTrue(usage.exists(own.get()), "the cgroup of this JVM (" + own.get() + ") is not"
        + " mounted under /sys/fs/cgroup here");
    UsageSampler sampler = new UsageSampler();
    Instant t0 = Instant.now();
    sampler.sample(t0, usage.read(own.get()));
    long spin = burn();
    sampler.sample(Instant.now(), usage.read(own.get()));
    UsageSampler.Rate rate = sampler.rate().orElseThrow();
    assertTrue(rate.nanoCores() > 0, "the JVM burnt cpu (" + spin + ") but its cgroup shows " + rate);
    assertTrue(rate.memoryBytes() > 0, "a running JVM holds memory: " + rate);
  }

  @Test
  void theNodeShowsCpuAndMemoryInUse() {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "not a Linux machine: no /proc/stat");
    NodeUsage node = new NodeUsage(HostFiles.host());
    UsageSampler sampler = new UsageSampler();
    sampler.sample(Instant.now(), node.read());
    long spin = burn();
    sampler.sample(Instant.now(), node.read());
    UsageSampler.Rate rate = sampler.rate().orElseThrow();
    assertTrue(rate.nanoCores() > 0, "this JVM burnt cpu (" + spin + ") but the node shows " + rate);
    assertTrue(rate.memoryBytes() > 0);
  }

  /** Spins until the process's own cpu clock moved by 200 ms (several clock ticks). */
  private static long burn() {
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    long start = bean.getCurrentThreadCpuTime();
    long x = 0;
    while (bean.getCurrentThreadCpuTime() - start < 200_000_000L) {
      for (int i = 0; i < 100_000; i++) {
        x += i * 31L ^ x;
      }
    }
    return x;
  }
}
