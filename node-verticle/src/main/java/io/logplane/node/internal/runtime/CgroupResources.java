package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.node.internal.agent.Quantity;

/**
 * A container's cpu and memory as cgroup settings, computed as the kubelet does: cpu shares from
 * the cpu request (the limit when only it is set; {@code milliCPU * 1024 / 1000}, at least 2, at
 * most 262144), a CFS quota over a 100 ms period from the cpu limit (at least 1 ms), and the
 * memory limit in bytes. Swap is left as the node has it (nodes run without swap).
 */
final class CgroupResources {

  static final long PERIOD = 100_000;

  private CgroupResources() {}

  /** {@code linux.resources} of the runtime spec, without devices. */
  static ObjectNode of(JsonNode resources) {
    JsonNode requests = resources.path("requests");
    JsonNode limits = resources.path("limits");
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ObjectNode cpu = out.putObject("cpu");
    long requestMilli = requests.has("cpu") ? Quantity.milli(requests.path("cpu").asText())
        : limits.has("cpu") ? Quantity.milli(limits.path("cpu").asText()) : 0;
    cpu.put("shares", shares(requestMilli));
    if (limits.has("cpu")) {
      long limitMilli = Quantity.milli(limits.path("cpu").asText());
      if (limitMilli > 0) {
        cpu.put("quota", quota(limitMilli)).put("period", PERIOD);
      }
    }
    if (limits.has("memory")) {
      out.putObject("memory").put("limit", Quantity.units(limits.path("memory").asText()));
    }
    return out;
  }

  static long shares(long milliCpu) {
    if (milliCpu == 0) {
      return 2;
    }
    return Math.max(2, Math.min(262_144, milliCpu * 1024 / 1000));
  }

  static long quota(long milliCpu) {
    return Math.max(1000, milliCpu * PERIOD / 1000);
  }
}
