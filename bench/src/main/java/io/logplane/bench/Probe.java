package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import java.io.PrintWriter;

/** Asks {@code /version} first, to show what is measured and over which protocol. */
final class Probe {
  private Probe() {}

  static void describe(KubeClient client, PrintWriter out) throws InterruptedException {
    try {
      KubeClient.Response r = client.send("GET", "/version", null);
      String version = r.ok()
          ? Json.MAPPER.readTree(r.body()).path("gitVersion").asText("?")
          : "unknown (HTTP " + r.status() + ")";
      out.printf("bench: server version %s, protocol %s%n", version, r.protocol());
    } catch (java.io.IOException e) {
      throw new BenchException("cannot reach the server: " + e, e);
    }
    out.flush();
  }
}
