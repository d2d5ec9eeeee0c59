package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a pod requests, as kube's {@code resourcehelper.PodRequests}: the sum of its containers'
 * requests or the largest init container's, whichever is greater per resource, plus the pod's
 * overhead, and one pod.
 */
final class PodRequests {

  static final long DEFAULT_MILLI_CPU = 100;
  static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  private PodRequests() {}

  static Resources of(JsonNode spec, boolean nonZero) {
    Resources sum = new Resources();
    for (JsonNode c : spec.path("containers")) {
      sum.add(container(c, nonZero), 1);
    }
    for (JsonNode c : spec.path("initContainers")) {
      sum.max(container(c, nonZero));
    }
    JsonNode overhead = spec.path("overhead");
    if (overhead.isObject()) {
      sum.add(Resources.of(overhead), 1);
    }
    sum.pods = 1;
    return sum;
  }

  private static Resources container(JsonNode c, boolean nonZero) {
    JsonNode requests = c.path("resources").path("requests");
    Resources r = requests.isObject() ? Resources.of(requests) : new Resources();
    if (nonZero) {
      if (!requests.has("cpu")) {
        r.milliCpu = DEFAULT_MILLI_CPU;
      }
      if (!requests.has("memory")) {
        r.memory = DEFAULT_MEMORY;
      }
    }
    r.pods = 0;
    return r;
  }
}
