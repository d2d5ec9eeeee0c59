package io.logplane.api.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The names, labels and buckets the Prometheus text shows, as kube-apiserver's. */
class RequestMetersTest {

  private static final RequestLabels CREATE = new RequestLabels("POST", "", "", "v1", "pods", "", "resource");
  private static final String LABELS = "component=\"apiserver\",dry_run=\"\",group=\"\",resource=\"pods\","
      + "scope=\"resource\",subresource=\"\",verb=\"POST\",version=\"v1\"";

  @Test
  void countsEachRequestByLabelsAndCode() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RequestMeters meters = new RequestMeters(registry);
    for (int i = 0; i < 3; i++) {
      meters.started(CREATE);
      meters.ended(CREATE, 201, TimeUnit.MILLISECONDS.toNanos(3));
    }
    meters.started(CREATE);
    meters.ended(CREATE, 409, TimeUnit.MILLISECONDS.toNanos(30));
    String text = registry.scrape();
    assertTrue(text.contains("apiserver_request_total{code=\"201\"," + LABELS + "} 3.0"), text);
    assertTrue(text.contains("apiserver_request_total{code=\"409\"," + LABELS + "} 1.0"), text);
    assertTrue(text.contains("apiserver_request_duration_seconds_bucket{" + LABELS + ",le=\"0.005\"} 3"), text);
    assertTrue(text.contains("apiserver_request_duration_seconds_bucket{" + LABELS + ",le=\"0.05\"} 4"), text);
    assertTrue(text.contains("apiserver_request_duration_seconds_bucket{" + LABELS + ",le=\"60.0\"} 4"), text);
    assertTrue(text.contains("apiserver_request_duration_seconds_count{" + LABELS + "} 4"), text);
  }

  @Test
  void inflightCountsReadOnlyAndMutatingButNotLongRunning() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    RequestMeters meters = new RequestMeters(registry);
    RequestLabels get = new RequestLabels("GET", "", "", "v1", "pods", "", "resource");
    RequestLabels watch = new RequestLabels("WATCH", "", "", "v1", "pods", "", "namespace");
    meters.started(CREATE);
    meters.started(get);
    meters.started(get);
    meters.started(watch);
    String text = registry.scrape();
    assertTrue(text.contains("apiserver_current_inflight_requests{request_kind=\"mutating\"} 1.0"), text);
    assertTrue(text.contains("apiserver_current_inflight_requests{request_kind=\"readOnly\"} 2.0"), text);
    meters.ended(get, 200, 1);
    meters.ended(watch, 200, 1);
    text = registry.scrape();
    assertTrue(text.contains("apiserver_current_inflight_requests{request_kind=\"readOnly\"} 1.0"), text);
  }
}
