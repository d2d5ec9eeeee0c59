package io.logplane.node.internal.machine;

import io.logplane.node.internal.agent.MetricsReports;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real node's metrics: samples the node and the cgroup of each running container, keeps a
 * {@link UsageSampler} for each, and reports their rates through {@link MetricsReports}, the path
 * hollow nodes report on, so the API serves them to {@code kubectl top} alike. {@link #sample}
 * blocks (it reads files) and runs off the event loop; the {@link Snapshot} it answers is a
 * value the loop then {@link #report}s. A container seen for the first time is reported from
 * its second sample on; a container no longer running is forgotten.
 */
public final class MachineMetrics {

  /** A running container and its cgroup, as the node's runtime knows them. */
  public record Running(String namespace, String pod, String container, Cgroup cgroup) {}

  /** The rates of one sampling: the node's, and each container's by pod. */
  public record Snapshot(Optional<UsageSampler.Rate> node,
      Map<List<String>, Map<String, UsageSampler.Rate>> pods) {}

  private final NodeUsage nodeUsage;
  private final CgroupUsage cgroups;
  private final UsageSampler node = new UsageSampler();
  private Map<Cgroup, UsageSampler> containers = new HashMap<>();

  public MachineMetrics(NodeUsage nodeUsage, CgroupUsage cgroups) {
    this.nodeUsage = nodeUsage;
    this.cgroups = cgroups;
  }

  /** Samples the node and {@code running} at {@code now}; one caller at a time. */
  public synchronized Snapshot sample(Instant now, List<Running> running) {
    node.sample(now, nodeUsage.read());
    Map<Cgroup, UsageSampler> kept = new HashMap<>();
    Map<List<String>, Map<String, UsageSampler.Rate>> pods = new LinkedHashMap<>();
    for (Running r : running) {
      if (!cgroups.exists(r.cgroup())) {
        continue; // it stopped between the runtime's answer and this read
      }
      UsageSampler s = containers.getOrDefault(r.cgroup(), new UsageSampler());
      s.sample(now, cgroups.read(r.cgroup()));
      kept.put(r.cgroup(), s);
      s.rate().ifPresent(rate -> pods.computeIfAbsent(List.of(r.namespace(), r.pod()),
          k -> new LinkedHashMap<>()).put(r.container(), rate));
    }
    containers = kept;
    return new Snapshot(node.rate(), pods);
  }

  /** Sends the snapshot's reports: each pod with a rate for its containers, then the node. */
  public static void report(String nodeName, Snapshot snapshot, MetricsReports reports) {
    snapshot.pods().forEach((key, byContainer) -> {
      List<MetricsReports.ContainerUsage> usage = new ArrayList<>();
      UsageSampler.Rate any = null;
      for (var e : byContainer.entrySet()) {
        usage.add(new MetricsReports.ContainerUsage(e.getKey(), cpu(e.getValue().nanoCores()),
            Bytes.quantity(e.getValue().memoryBytes())));
        any = e.getValue();
      }
      reports.pod(key.get(0), key.get(1), any.at(), any.window(), usage);
    });
    snapshot.node().ifPresent(r -> reports.node(nodeName, r.at(), r.window(), cpu(r.nanoCores()),
        Bytes.quantity(r.memoryBytes())));
  }

  /** Nanocores as a quantity, in millicores when whole as metrics-server's would print. */
  static String cpu(long nanoCores) {
    return nanoCores % 1_000_000 == 0 ? nanoCores / 1_000_000 + "m" : nanoCores + "n";
  }
}
