package io.logplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.ListWatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * How soon traffic through a ClusterIP avoids a pod that turned unready: GETs without keep-alive
 * through the ClusterIP from a few threads, each answer naming its pod; one pod's readiness file
 * removed (its CGI, asked straight at the pod); then the times, from the answer that the file is
 * gone, until a watch shows the pod {@code Ready=False}, until the Service's EndpointSlice shows
 * its endpoint not ready, and until the last request that pod answered was sent. Requests go on
 * for two seconds after the slice changed (at most ten after the file went).
 */
final class Failover {
  private static final Duration AFTER = Duration.ofSeconds(2);
  private static final Duration MOST = Duration.ofSeconds(10);

  private Failover() {}

  static void run(Plane p, String namespace, InetSocketAddress viaService, List<JsonNode> pods,
      int clients, Duration request, String suffix) throws InterruptedException {
    JsonNode victim = pods.get(0);
    String name = ServiceScenario.name(victim);
    String ip = ServiceScenario.ip(victim);
    Moments seen = new Moments(name, ip);
    Hits hits = new Hits();
    Errors errors = new Errors();
    AtomicBoolean stop = new AtomicBoolean();
    Thread recorder = null;
    try (ListWatch podWatch = ListWatch.start(p.client(), "/api/v1/namespaces/" + namespace
            + "/pods", "", seen.pods());
        ListWatch sliceWatch = ListWatch.start(p.client(), "/apis/discovery.k8s.io/v1/namespaces/"
            + namespace + "/endpointslices", "", seen.slices())) {
      recorder = HttpLoad.record(viaService, "/", clients, request, stop, hits, errors);
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
      long changed;
      try (HttpGets gets = new HttpGets(new InetSocketAddress(ip, ServiceScenario.PORT), false,
          request)) {
        gets.get("/cgi-bin/unready");
        changed = System.nanoTime();
      } catch (IOException e) {
        throw new BenchException("service: cannot make " + name + " unready through its"
            + " /cgi-bin/unready: " + e.getMessage(), e);
      }
      long deadline = changed + MOST.toNanos();
      while (System.nanoTime() < deadline
          && (seen.sliceAt == Moments.NONE || System.nanoTime() < seen.sliceAt + AFTER.toNanos())) {
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }
      stop.set(true);
      recorder.join();
      long last = hits.lastSentTo(name);
      if (seen.sliceAt == Moments.NONE) {
        errors.add("not unready", "the EndpointSlice still shows " + name + " ready "
            + MOST.toSeconds() + "s after its readiness file went");
      }
      p.report().accept(Result.of("svc failover" + suffix, hits.size(), errors, Double.NaN,
          Latencies.Stats.EMPTY, note(changed, seen, last, hits, name)));
    } finally {
      stop.set(true);
      if (recorder != null) {
        recorder.join();
      }
    }
  }

  /** {@code traffic avoided web-1 0.85s after ...}. */
  static String note(long changed, Moments seen, long last, Hits hits, String name) {
    String avoided = last == Long.MIN_VALUE ? "no request reached " + name + " at all"
        : String.format(Locale.ROOT, "last request to %s sent %s after its readiness file went",
            name, since(changed, last));
    return String.format(Locale.ROOT, "%s (Ready=False seen %s, EndpointSlice not ready %s,"
        + " last request to it %s after that); answers %s, %d by others after the slice changed",
        avoided, since(changed, seen.podAt), since(changed, seen.sliceAt),
        seen.sliceAt == Moments.NONE || last == Long.MIN_VALUE ? "-" : since(seen.sliceAt, last),
        hits.byAnswerer(), seen.sliceAt == Moments.NONE ? 0 : hits.othersAfter(name, seen.sliceAt));
  }

  private static String since(long from, long to) {
    return to == Moments.NONE ? "-" : String.format(Locale.ROOT, "%.3fs", Plane.seconds(from, to));
  }

  /**
   * When watches first showed the pod unready and its endpoint not ready (nanoseconds,
   * {@link #NONE}: not yet).
   */
  static final class Moments {
    static final long NONE = Long.MIN_VALUE;
    private final String pod;
    private final String ip;
    volatile long podAt = NONE;
    volatile long sliceAt = NONE;

    Moments(String pod, String ip) {
      this.pod = pod;
      this.ip = ip;
    }

    ListWatch.Listener pods() {
      return listener(o -> pod.equals(ServiceScenario.name(o)) && !ServiceScenario.ready(o), true);
    }

    ListWatch.Listener slices() {
      return listener(this::sliceShowsNotReady, false);
    }

    boolean sliceShowsNotReady(JsonNode slice) {
      boolean listed = false;
      for (JsonNode e : slice.path("endpoints")) {
        for (JsonNode a : e.path("addresses")) {
          if (ip.equals(a.asText())) {
            listed = true;
            if (!e.at("/conditions/ready").asBoolean(false)) {
              return true;
            }
          }
        }
      }
      return !listed && ServiceScenario.NAME.equals(
          slice.at("/metadata/labels/kubernetes.io~1service-name").asText());
    }

    private ListWatch.Listener listener(java.util.function.Predicate<JsonNode> unready,
        boolean pods) {
      return new ListWatch.Listener() {
        @Override
        public void listed(List<JsonNode> items) {
          items.forEach(i -> changed("ADDED", i));
        }

        @Override
        public void changed(String type, JsonNode o) {
          if (!"DELETED".equals(type) && unready.test(o)) {
            long now = System.nanoTime();
            if (pods && podAt == NONE) {
              podAt = now;
            } else if (!pods && sliceAt == NONE) {
              sliceAt = now;
            }
          }
        }
      };
    }
  }
}
