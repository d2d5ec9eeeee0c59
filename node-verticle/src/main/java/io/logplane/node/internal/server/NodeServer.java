package io.logplane.node.internal.server;

import io.logplane.node.RealNodeOptions;
import io.logplane.node.internal.server.portforward.PortForwardHandler;
import io.logplane.node.internal.streams.ChannelProtocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own HTTP server, the kubelet's on its port (10250) that the API server reaches for
 * what it proxies to a node: {@code GET /containerLogs/{namespace}/{pod}/{container}} with the
 * options of {@code PodLogOptions}, answered as the kubelet answers (plain text, chunked; errors
 * as its plain-text bodies). Each log is copied on a thread of a pool of its own, as a followed
 * log may go on for hours; the copy ends when the client goes away. {@code /exec} and
 * {@code /attach} are the {@link StreamServer}'s, {@code GET|POST /portForward/{namespace}/{pod}}
 * the {@link PortForwardHandler}'s.
 */
public final class NodeServer {
  private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);
  private static final String LOGS = "/containerLogs/";

  private final Vertx vertx;
  private final NodePods pods;
  private final LogFiles files;
  private final WorkerExecutor copies;
  private final StreamServer execs;
  private final PortForwardHandler portForward;

  /** @param streams how many logs may be copied at once; more wait for one to end */
  public NodeServer(Vertx vertx, NodePods pods, LogFiles files, int streams) {
    this(vertx, pods, files, streams, ContainerExecs.NONE);
  }

  /** A server that also runs commands in the node's containers ({@code kubectl exec}) with {@code execs}. */
  public NodeServer(Vertx vertx, NodePods pods, LogFiles files, int streams, ContainerExecs execs) {
    this(vertx, pods, files, streams, execs, id -> "");
  }

  /** @param netns the path of the network namespace of a pod's sandbox, by the sandbox's id */
  public NodeServer(Vertx vertx, NodePods pods, LogFiles files, int streams, ContainerExecs execs,
      UnaryOperator<String> netns) {
    this(vertx, pods, files, streams, execs, netns, RealNodeOptions.STREAMING_IDLE);
  }

  /**
   * @param netns         the path of the network namespace of a pod's sandbox, by the sandbox's id
   * @param streamingIdle how long an exec, attach or port-forward connection may carry nothing
   *                      before it is closed, as the kubelet's {@code --streaming-connection-idle-timeout}
   */
  public NodeServer(Vertx vertx, NodePods pods, LogFiles files, int streams, ContainerExecs execs,
      UnaryOperator<String> netns, Duration streamingIdle) {
    this.vertx = vertx;
    this.pods = pods;
    this.files = files;
    this.copies = vertx.createSharedWorkerExecutor("node-server-logs", streams, 365, TimeUnit.DAYS);
    this.execs = new StreamServer(pods, files, execs, streamingIdle);
    this.portForward = new PortForwardHandler(vertx, pods, netns, streamingIdle);
  }

  /** Serves on {@code host:port} (port 0: any free one) with {@code options} (TLS there). */
  public Future<HttpServer> listen(HttpServerOptions options, String host, int port) {
    List<String> subProtocols = new ArrayList<>(ChannelProtocol.names());
    subProtocols.add(PortForwardHandler.TUNNEL);
    return vertx.createHttpServer(new HttpServerOptions(options).setHost(host).setPort(port)
            .setWebSocketSubProtocols(subProtocols))
        .connectionHandler(io.logplane.http2.StreamWritability::install).requestHandler(this::handle).listen();
  }

  /** Stops taking log copies; those under way end with their clients. */
  public void close() {
    copies.close();
    execs.close();
    portForward.close();
  }

  private void handle(HttpServerRequest req) {
    String path = req.path();
    if (path.startsWith(PortForwardHandler.PATH)
        && (req.method() == HttpMethod.GET || req.method() == HttpMethod.POST)) {
      portForward.handle(req);
      return;
    }
    String[] stream = path.split("/", -1);
    if (stream.length == 5 && (stream[1].equals("exec") || stream[1].equals("attach"))
        && (req.method() == HttpMethod.GET || req.method() == HttpMethod.POST)) {
      execs.handle(req, stream[1], stream[2], stream[3], stream[4]);
      return;
    }
    if (req.method() != HttpMethod.GET || !path.startsWith(LOGS)) {
      text(req.response(), 404, "404 page not found\n");
      return;
    }
    String[] parts = path.substring(LOGS.length()).split("/", -1);
    if (parts.length < 2 || parts[0].isEmpty()) {
      text(req.response(), 400, "{\"message\": \"Missing podNamespace.\"}");
    } else if (parts[1].isEmpty()) {
      text(req.response(), 400, "{\"message\": \"Missing podID.\"}");
    } else if (parts.length < 3 || parts[2].isEmpty()) {
      text(req.response(), 400, "{\"message\": \"Missing container name.\"}");
    } else {
      logs(req, parts[0], parts[1], parts[2]);
    }
  }

  private void logs(HttpServerRequest req, String namespace, String pod, String container) {
    HttpServerResponse response = req.response();
    LogOptions options;
    try {
      options = LogOptions.parse(firstValues(req), Instant.now());
    } catch (Refused r) {
      text(response, r.code(), r.getMessage());
      return;
    }
    AtomicBoolean gone = new AtomicBoolean();
    response.closeHandler(v -> gone.set(true));
    pods.pod(namespace, pod)
        .compose(p -> copies.executeBlocking(() -> {
          ContainerLogs.Target target = ContainerLogs.find(p, pod, container, options.previous(),
              files);
          // The head goes at once, as the kubelet's zero-byte write sends it: a followed log
          // may stay quiet for long, and the API server answers its client once it has it.
          response.setChunked(true).putHeader("Content-Type", "text/plain; charset=utf-8")
              .setStatusCode(200).writeHead();
          LogReader.copy(target.file(), options, new LogCopy(options, bytes -> write(response, bytes, gone)),
              () -> files.running(target.id()), gone::get);
          return null;
        }, false))
        .onSuccess(v -> {
          if (!gone.get()) {
            response.end();
          }
        })
        .onFailure(t -> {
          if (t instanceof Refused r) {
            text(response, r.code(), r.getMessage());
          } else if (!response.headWritten()) {
            LOG.warn("logs of {}/{} container {} failed", namespace, pod, container, t);
            text(response, 500, String.valueOf(t.getMessage()));
          } else {
            LOG.warn("logs of {}/{} container {} cut short", namespace, pod, container, t);
            response.reset();
          }
        });
  }

  /** Writes from the copy's thread, waiting while the client is slower than the log. */
  private static void write(HttpServerResponse response, byte[] bytes, AtomicBoolean gone) {
    while (response.writeQueueFull() && !gone.get()) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        gone.set(true);
      }
    }
    if (!gone.get()) {
      response.write(Buffer.buffer(bytes));
    }
  }

  private static Map<String, String> firstValues(HttpServerRequest req) {
    Map<String, String> m = new HashMap<>();
    req.params().forEach(e -> m.putIfAbsent(e.getKey(), e.getValue()));
    return m;
  }

  private static void text(HttpServerResponse response, int code, String body) {
    if (!response.ended() && !response.headWritten()) {
      response.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }
  }
}
