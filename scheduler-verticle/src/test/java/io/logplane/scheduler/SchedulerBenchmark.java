package io.logplane.scheduler;

import static io.logplane.scheduler.internal.Fixtures.nodeObject;
import static io.logplane.scheduler.internal.Fixtures.podObject;

import io.logplane.projections.Key;
import java.util.Random;

/**
 * Scheduling throughput in memory, in kube's scheduler_perf SchedulingBasic shape: 10,000
 * pending pods onto 5,000 nodes (arguments: pods, nodes), the pods created before the
 * scheduler starts, binds applied at once by an in-memory writer. Prints pods bound per
 * second; asserts nothing. How to run it: README, Benchmark.
 */
public final class SchedulerBenchmark {

  private SchedulerBenchmark() {}

  public static void main(String[] args) {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    for (int round = 1; round <= 3; round++) {
      MemoryCluster cluster = new MemoryCluster();
      for (int i = 0; i < nodes; i++) {
        String name = "node-" + i;
        cluster.put(new Key("core", "nodes", "", name), nodeObject(name, "4", "32Gi",
            "{'metadata':{'labels':{'topology.kubernetes.io/zone':'zone-" + (i % 3) + "'}}}"));
      }
      for (int i = 0; i < pods; i++) {
        String name = "pod-" + i;
        cluster.put(new Key("core", "pods", "default", name), podObject(name, "100m", "200Mi", null));
      }
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      Scheduler scheduler = new Scheduler(cluster.informers, cluster, System::currentTimeMillis, new Random(round));
      scheduler.follow(cluster.informers);
      while (scheduler.scheduleOne()) {
        // every pod fits: one cycle each
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // The CPU time of the scheduling thread: what the figure would be on a core of its own.
      double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      System.out.printf("round %d: %d pods onto %d nodes: %d bound in %.2f s (%.0f pods/s); scheduling thread"
          + " on CPU %.2f s (%.0f pods/s)%n", round, pods, nodes, scheduler.bound(), seconds,
          scheduler.bound() / seconds, cpu, scheduler.bound() / cpu);
    }
  }
}
