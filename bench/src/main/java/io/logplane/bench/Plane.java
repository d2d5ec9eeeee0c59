package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the control-plane scenarios (scheduler, deployment) share: the client, the options, the
 * memory probe, where lines go and where results are reported.
 */
record Plane(KubeClient client, ApiCalls api, Options options, ServerMemory memory,
    PrintWriter out, Consumer<Result> report) {

  /** The options of the scheduler and deployment scenarios. */
  record Options(int schedNodes, int schedPods, int clients, Duration schedTimeout,
      int deployNodes, int deployReplicas, Duration deployTimeout, boolean keep) {}

  /** A line of the scenario, printed at once. */
  void say(String format, Object... args) {
    out.printf(Locale.ROOT, format + "%n", args);
    out.flush();
  }

  /** A random suffix for the names of one scenario's round. */
  static String id() {
    return UUID.randomUUID().toString().substring(0, 6);
  }

  static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }
}
