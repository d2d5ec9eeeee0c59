package io.logplane.node.internal.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.node.internal.agent.MetricsReports;
import io.logplane.node.internal.agent.Requests;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node's metrics: rates of its containers' cgroups and of the node, reported as hollow nodes report. */
class MachineMetricsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final MachineMetrics.Running WEB = new MachineMetrics.Running("default", "web", "nginx",
      Cgroup.of("/logplane/c1"));

  @Test
  void ratesBetweenTwoSamplesAreReportedForEachContainerAndTheNode(@TempDir Path dir) throws IOException {
    HostFiles host = copy(Fixtures.host("host"), dir);
    MachineMetrics metrics = new MachineMetrics(new NodeUsage(host), new CgroupUsage(host));
    MachineMetrics.Snapshot first = metrics.sample(T0, List.of(WEB));
    assertTrue(first.node().isEmpty() && first.pods().isEmpty(), "one sample makes no rate");

    // 10 s later: the container used 0.5 s of cpu, the node 400 ticks (4 s)
    Files.writeString(host.path("/sys/fs/cgroup/cpuacct/logplane/c1/cpuacct.usage"), "1734567890\n");
    Files.writeString(host.path("/proc/stat"), "cpu  1300 50 400 9000 100 20 30 40 0 0\n");
    MachineMetrics.Snapshot second = metrics.sample(T0.plusSeconds(10), List.of(WEB));

    Recorder api = new Recorder();
    MachineMetrics.report("worker-1", second, new MetricsReports(api));
    assertEquals(List.of("PUT /apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web",
        "PUT /apis/metrics.k8s.io/v1beta1/nodes/worker-1"), api.calls);
    JsonNode pod = api.bodies.get(0);
    assertEquals("PodMetrics", pod.path("kind").asText());
    assertEquals("default", pod.at("/metadata/namespace").asText());
    assertEquals("2026-01-01T00:00:10Z", pod.path("timestamp").asText());
    assertEquals("10s", pod.path("window").asText());
    assertEquals("nginx", pod.at("/containers/0/name").asText());
    assertEquals("50m", pod.at("/containers/0/usage/cpu").asText());
    assertEquals("24Mi", pod.at("/containers/0/usage/memory").asText());
    JsonNode node = api.bodies.get(1);
    assertEquals("400m", node.at("/usage/cpu").asText());
    assertEquals("6393216Ki", node.at("/usage/memory").asText());
  }

  @Test
  void aContainerThatIsGoneIsForgottenAndOneNewIsReportedFromItsSecondSample(@TempDir Path dir)
      throws IOException {
    HostFiles host = copy(Fixtures.host("host"), dir);
    MachineMetrics metrics = new MachineMetrics(new NodeUsage(host), new CgroupUsage(host));
    MachineMetrics.Running gone = new MachineMetrics.Running("default", "old", "c", Cgroup.of("/logplane/gone"));
    metrics.sample(T0, List.of(gone));
    assertTrue(metrics.sample(T0.plusSeconds(10), List.of(gone, WEB)).pods().isEmpty());
    assertEquals(List.of(List.of("default", "web")),
        List.copyOf(metrics.sample(T0.plusSeconds(20), List.of(WEB)).pods().keySet()));
  }

  @Test
  void cpuIsInMillicoresWhenWhole() {
    assertEquals("250m", MachineMetrics.cpu(250_000_000));
    assertEquals("1234567n", MachineMetrics.cpu(1_234_567));
  }

  private static HostFiles copy(HostFiles fixture, Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(fixture.root())) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = dir.resolve(fixture.root().relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return new HostFiles(dir);
  }

  /** Takes every report. */
  private static final class Recorder implements Requests {
    final List<String> calls = new ArrayList<>();
    final List<JsonNode> bodies = new ArrayList<>();

    @Override
    public Future<KubeClient.Response> call(String method, String path, JsonNode body) {
      calls.add(method + " " + path);
      bodies.add(body);
      return Future.succeededFuture(new KubeClient.Response(200, Buffer.buffer(body.toString()), "HTTP/1.1"));
    }
  }
}
