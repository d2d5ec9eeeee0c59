package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ContainerEnv;
import io.logplane.node.internal.runtime.ContainerRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one probe as the kubelet's prober does: {@code exec} in the container (exit 0 passes),
 * {@code httpGet} to the pod's address (or the probe's host; a status from 200 to 399 passes),
 * {@code tcpSocket} (a connection passes), each within {@code timeoutSeconds}. Ports may be
 * named after the container's ports. Blocking.
 */
final class Prober {
  private static final Logger LOG = LoggerFactory.getLogger(Prober.class);

  private final ContainerRuntime runtime;
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  Prober(ContainerRuntime runtime) {
    this.runtime = runtime;
  }

  boolean passes(ProbeTrack probe, JsonNode container, String runId, String podIp) {
    JsonNode spec = probe.spec;
    Duration timeout = probe.timeout();
    if (spec.has("exec")) {
      return runtime.execSync(runId, ContainerEnv.strings(spec.path("exec").path("command")),
          timeout) == 0;
    }
    if (spec.has("httpGet")) {
      return httpGet(spec.path("httpGet"), container, podIp, timeout);
    }
    if (spec.has("tcpSocket")) {
      JsonNode tcp = spec.path("tcpSocket");
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(tcp.path("host").asText(podIp),
            port(tcp.path("port"), container)), (int) timeout.toMillis());
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    LOG.warn("probe of {} has no handler this node runs (exec, httpGet, tcpSocket): {}", runId,
        spec);
    return false;
  }

  private boolean httpGet(JsonNode get, JsonNode container, String podIp, Duration timeout) {
    String scheme = get.path("scheme").asText("HTTP").toLowerCase(java.util.Locale.ROOT);
    String path = get.path("path").asText("/");
    URI uri = URI.create(scheme + "://" + get.path("host").asText(podIp) + ":"
        + port(get.path("port"), container) + (path.startsWith("/") ? path : "/" + path));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("User-Agent", "kube-probe/1.28");
    for (JsonNode h : get.path("httpHeaders")) {
      request.header(h.path("name").asText(), h.path("value").asText());
    }
    try {
      int code = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return code >= 200 && code < 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A probe's port: a number, or the name of one of the container's ports. */
  static int port(JsonNode port, JsonNode container) {
    if (port.canConvertToInt() && !port.isTextual() || port.asText().matches("\\d+")) {
      return port.asInt();
    }
    for (JsonNode p : container.path("ports")) {
      if (port.asText().equals(p.path("name").asText())) {
        return p.path("containerPort").asInt();
      }
    }
    throw new IllegalArgumentException("container " + container.path("name").asText()
        + " has no port named " + port.asText());
  }
}
