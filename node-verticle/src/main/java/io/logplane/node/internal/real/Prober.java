package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ContainerEnv;
import io.logplane.node.internal.runtime.ContainerRuntime;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one probe as the kubelet's prober does: {@code exec} in the container (exit 0 passes),
 * {@code httpGet} to the pod's address (or the probe's host; a status from 200 to 399 passes),
 * {@code tcpSocket} (a connection passes), each within {@code timeoutSeconds}. Ports may be
 * named after the container's ports. Its outcome carries the output the kubelet puts in its
 * {@code Unhealthy} Event: an exec's output, {@code HTTP probe failed with statuscode: 500},
 * or the dial error in Go's words. Blocking.
 */
final class Prober {
  private static final Logger LOG = LoggerFactory.getLogger(Prober.class);

  private final ContainerRuntime runtime;
  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  Prober(ContainerRuntime runtime) {
    this.runtime = runtime;
  }

  /** What one probe found: whether it passed, and its output. */
  record Outcome(boolean passed, String output) {
    static final Outcome PASSED = new Outcome(true, "");

    static Outcome failed(String output) {
      return new Outcome(false, output);
    }
  }

  Outcome probe(ProbeTrack probe, JsonNode container, String runId, String podIp) {
    JsonNode spec = probe.spec;
    Duration timeout = probe.timeout();
    if (spec.has("exec")) {
      ContainerRuntime.ExecOutput r = runtime.execWithOutput(runId,
          ContainerEnv.strings(spec.path("exec").path("command")), timeout);
      return r.exitCode() == 0 ? Outcome.PASSED : Outcome.failed(r.output());
    }
    if (spec.has("httpGet")) {
      return httpGet(spec.path("httpGet"), container, podIp, timeout);
    }
    if (spec.has("tcpSocket")) {
      JsonNode tcp = spec.path("tcpSocket");
      String host = tcp.path("host").asText(podIp);
      int port = port(tcp.path("port"), container);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        return Outcome.PASSED;
      } catch (IOException e) {
        return Outcome.failed(dialError(host + ":" + port, e));
      }
    }
    LOG.warn("probe of {} has no handler this node runs (exec, httpGet, tcpSocket): {}", runId,
        spec);
    return Outcome.failed("no handler this node runs");
  }

  private Outcome httpGet(JsonNode get, JsonNode container, String podIp, Duration timeout) {
    String scheme = get.path("scheme").asText("HTTP").toLowerCase(java.util.Locale.ROOT);
    String path = get.path("path").asText("/");
    String hostPort = get.path("host").asText(podIp) + ":" + port(get.path("port"), container);
    URI uri = URI.create(scheme + "://" + hostPort + (path.startsWith("/") ? path : "/" + path));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .header("User-Agent", "kube-probe/1.28");
    for (JsonNode h : get.path("httpHeaders")) {
      request.header(h.path("name").asText(), h.path("value").asText());
    }
    try {
      int code = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return code >= 200 && code < 400 ? Outcome.PASSED
          : Outcome.failed("HTTP probe failed with statuscode: " + code);
    } catch (HttpTimeoutException e) {
      return Outcome.failed("Get \"" + uri + "\": context deadline exceeded"
          + " (Client.Timeout exceeded while awaiting headers)");
    } catch (IOException e) {
      return Outcome.failed("Get \"" + uri + "\": " + dialError(hostPort, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed("interrupted");
    }
  }

  /** A failed connect in Go's words: {@code dial tcp 10.244.0.5:80: connect: connection refused}. */
  static String dialError(String hostPort, IOException e) {
    String why;
    if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
      why = "connect: connection refused";
    } else if (e instanceof SocketTimeoutException
        || e.getCause() instanceof SocketTimeoutException) {
      why = "i/o timeout";
    } else {
      why = String.valueOf(e.getMessage());
    }
    return "dial tcp " + hostPort + ": " + why;
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
