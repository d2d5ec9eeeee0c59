package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.internal.ManualClock;
import io.logplane.node.internal.runtime.ContainerRuntime;
import io.logplane.node.internal.runtime.RuntimeConfig;
import io.logplane.node.internal.volumes.ObjectSource;
import io.logplane.node.internal.volumes.PodFields;
import io.logplane.node.internal.volumes.PodVolumes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How often a pod's volumes are set up again by its one-second syncs. */
class VolumeSetupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PodFields.Facts FACTS = new PodFields.Facts("192.0.2.1", List.of("10.244.0.5"),
      Map.of("cpu", 2000L, "memory", 1L << 30));

  @TempDir Path data;
  private final AtomicInteger reads = new AtomicInteger();
  private String value = "one";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T00:00:00Z"));


  private JsonNode object(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void anUnchangedPodsVolumesAreSetUpAgainOnlyAsOftenAsTheObjectsAreRead() throws Exception {
    ObjectSource objects = (resource, namespace, name) -> {
      reads.incrementAndGet();
      try {
        return object("{'data':{'key':'" + value + "'}}");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    ContainerRuntime runtime = new ContainerRuntime(new RuntimeConfig(data, Path.of("runc"), Path.of("conmon"),
        Path.of("cni"), "lpt0", "10.244.0.0/24", "logplane-test", data.resolve("holder"), List.of("sleep")),
        List.of());
    VolumeSetup setup = new VolumeSetup(runtime, new PodVolumes(objects, clock), clock, PodEvents.NONE);
    JsonNode pod = object("{'metadata':{'name':'p','namespace':'ns','uid':'u-1'},'spec':{'containers':"
        + "[{'name':'c'}],'volumes':[{'name':'cfg','configMap':{'name':'cm'}}]}}");
    PodMemory m = new PodMemory();

    Path dir = setup.setUp(pod, m, FACTS).get("cfg");
    assertEquals("one", Files.readString(dir.resolve("key")));
    assertEquals(1, reads.get());
    value = "two";
    for (int second = 1; second < VolumeSetup.REFRESH.toSeconds(); second++) {
      clock.advance(Duration.ofSeconds(1));
      assertEquals(dir, setup.setUp(pod, m, FACTS).get("cfg"));
    }
    assertEquals(1, reads.get(), "a sync each second reads nothing within the refresh time");
    assertEquals("one", Files.readString(dir.resolve("key")));

    clock.advance(Duration.ofSeconds(1));
    setup.setUp(pod, m, FACTS);
    assertEquals("two", Files.readString(dir.resolve("key")), "set up again once the time is up");

    value = "three";
    setup.setUp(pod.deepCopy(), m, FACTS);
    assertEquals("three", Files.readString(dir.resolve("key")), "and at once for a changed pod");
    assertEquals(3, reads.get());
  }
}
