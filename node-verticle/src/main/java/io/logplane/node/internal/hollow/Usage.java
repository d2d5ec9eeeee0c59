package io.logplane.node.internal.hollow;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.Quantity;

/**
 * The usage a hollow container reports: what the pod's {@link Simulation#USAGE} annotation says
 * for each of its containers ({@code cpu=250m,memory=100Mi}; a resource left out, or an annotation
 * that cannot be read, takes the default), else a small default, as an idle process would use.
 */
record Usage(long milliCpu, long memoryBytes) {

  static final Usage DEFAULT = new Usage(5, 20L << 20);
  /** What the node's own processes use besides its pods. */
  static final Usage NODE_BASE = new Usage(100, 256L << 20);

  /** The usage of each container of the pod. */
  static Usage ofContainer(JsonNode pod) {
    String text = pod.path("metadata").path("annotations").path(Simulation.USAGE).asText("");
    long cpu = DEFAULT.milliCpu;
    long memory = DEFAULT.memoryBytes;
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=", 2);
      try {
        if (kv.length == 2 && kv[0].trim().equals("cpu")) {
          cpu = Quantity.milli(kv[1].trim());
        } else if (kv.length == 2 && kv[0].trim().equals("memory")) {
          memory = Quantity.units(kv[1].trim());
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // an unreadable figure keeps the default: a hollow node has no way to refuse the pod
      }
    }
    return new Usage(cpu, memory);
  }

  Usage plus(Usage other) {
    return new Usage(milliCpu + other.milliCpu, memoryBytes + other.memoryBytes);
  }

  Usage times(int n) {
    return new Usage(milliCpu * n, memoryBytes * n);
  }

  String cpu() {
    return milliCpu + "m";
  }

  String memory() {
    return memoryBytes % 1024 == 0 ? memoryBytes / 1024 + "Ki" : Long.toString(memoryBytes);
  }
}
