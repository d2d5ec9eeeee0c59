package io.logplane.node.internal.hollow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** A hollow container's usage: the annotation's figures, the defaults for what it leaves out or garbles. */
class UsageTest {

  @Test
  void theAnnotationSetsEachContainersUsage() {
    Usage u = Usage.ofContainer(pod("cpu=250m, memory=100Mi"));
    assertEquals(new Usage(250, 100L << 20), u);
    assertEquals("250m", u.cpu());
    assertEquals("102400Ki", u.memory());
    assertEquals(new Usage(1500, 2_000_000_000L), Usage.ofContainer(pod("cpu=1.5,memory=2G")));
  }

  @Test
  void whatTheAnnotationLeavesOutOrGarblesTakesTheDefault() {
    assertEquals(Usage.DEFAULT, Usage.ofContainer(pod(null)));
    assertEquals(new Usage(Usage.DEFAULT.milliCpu(), 64L << 20), Usage.ofContainer(pod("memory=64Mi")));
    assertEquals(new Usage(Usage.DEFAULT.milliCpu(), 1024), Usage.ofContainer(pod("cpu=lots,memory=1Ki")));
  }

  private static ObjectNode pod(String usage) {
    ObjectNode p = JsonNodeFactory.instance.objectNode();
    ObjectNode annotations = p.putObject("metadata").putObject("annotations");
    if (usage != null) {
      annotations.put(Simulation.USAGE, usage);
    }
    return p;
  }
}
