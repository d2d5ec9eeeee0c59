package io.logplane.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logplane.kubeclient.KubeClient;
import java.io.IOException;

/**
 * Lists every pod of the run's namespace as JSON, several times, timing each in full. The first
 * {@code warmup} lists are not timed: the create warm-up compiles the create path only, and the
 * first lists of a JVM-based server (and client) run their list code interpreted.
 */
final class ListPods {
  private ListPods() {}

  static Result run(BenchRun bench, int warmup, int runs) throws InterruptedException {
    for (int i = 0; i < warmup; i++) {
      try {
        bench.client.send("GET", bench.podsPath(), null);
      } catch (IOException e) {
        break; // the measured lists fail the same way, and say so
      }
    }
    Latencies latencies = new Latencies();
    Errors errors = new Errors();
    long items = -1;
    for (int i = 0; i < runs; i++) {
      try {
        long t0 = System.nanoTime();
        KubeClient.Response r = bench.client.send("GET", bench.podsPath(), null);
        long took = System.nanoTime() - t0;
        if (!r.ok()) {
          errors.http(r.status(), r.body());
          continue;
        }
        latencies.record(took);
        items = countItems(r.raw().getBytes());
      } catch (IOException e) {
        errors.failure(e);
      }
    }
    return Result.of("list", latencies.count(), errors, Double.NaN, latencies.stats(),
        items < 0 ? "" : items + " pods, " + runs + " runs");
  }

  /**
   * The length of the list's {@code items} array, read without building a tree (and after
   * the clock stopped: the list's latency ends with its last byte, not with this parse).
   */
  static long countItems(byte[] listJson) throws IOException {
    try (JsonParser p = Json.MAPPER.getFactory().createParser(listJson)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a list is a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("items".equals(field) && value == JsonToken.VALUE_NULL) {
          return 0;
        }
        if ("items".equals(field) && value == JsonToken.START_ARRAY) {
          long n = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
            n++;
          }
          return n;
        }
        p.skipChildren();
      }
      throw new IOException("the list has no items array");
    }
  }
}
