package io.logplane.node.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.streams.AttachSocket;
import io.logplane.node.internal.streams.ChannelProtocol;
import io.logplane.node.internal.streams.ContainerProcess;
import io.logplane.node.internal.streams.ExecOptions;
import io.logplane.node.internal.streams.ExecSession;
import io.logplane.node.internal.streams.ExitStatus;
import io.logplane.node.internal.server.spdy.SpdyUpgrade;
import io.logplane.node.internal.streams.ClientInput;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node server's {@code /exec/{namespace}/{pod}/{container}?command=..} and
 * {@code /attach/..}, as the kubelet serves them over WebSocket (the {@link ChannelProtocol}s,
 * {@link WebSocketStreams}) and SPDY/3.1 (one stream per standard stream, {@link
 * SpdyExecStreams}; what kubectl falls back to, and older clients use): the options read, the pod
 * and its running container found, then the connection upgraded and the command run ({@link
 * ExecSession}) or the container's output followed, the same whatever the transport. Refusals
 * are the kubelet's: a 400 for options, 404 {@code pod does not exist}, 500 {@code container not
 * found ("c")} for a container that does not run, and those of {@link SpdyUpgrade#negotiate}.
 *
 * <p>Attach to a container with a stdin ({@code stdin: true}, {@code kubectl run -i}) goes
 * through conmon's attach socket ({@link AttachSocket}): the container's output and the
 * client's stdin, and with a terminal ({@code kubectl run -it}) the client's resizes. Attach to one without follows the container's log from its end, stdout and
 * stderr to their channels, until the container ends.
 */
final class StreamServer {
  private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final NodePods pods;
  private final LogFiles files;
  private final ContainerExecs execs;
  private final Duration idle;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "node-server-stream");
    t.setDaemon(true);
    return t;
  });

  /** @param idle how long a connection may carry nothing before it is closed; zero: forever */
  StreamServer(NodePods pods, LogFiles files, ContainerExecs execs, Duration idle) {
    this.idle = idle;
    this.pods = pods;
    this.files = files;
    this.execs = execs;
  }

  void close() {
    threads.shutdownNow();
  }

  /** {@code kind} is {@code exec} or {@code attach}. */
  void handle(HttpServerRequest req, String kind, String namespace, String podName, String container) {
    ExecOptions options;
    try {
      options = ExecOptions.parse(params(req));
    } catch (ExecOptions.Invalid e) {
      text(req, 400, e.getMessage());
      return;
    }
    req.pause();
    pods.pod(namespace, podName).onComplete(found -> {
      JsonNode pod = found.succeeded() ? found.result() : null;
      if (pod == null) {
        text(req, 404, "pod does not exist");
        return;
      }
      String id = runningId(pod.path("status"), container);
      if (id == null) {
        text(req, 500, "container not found (\"" + container + "\")");
        return;
      }
      if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
        req.toWebSocket().onSuccess(ws -> start(new WebSocketStreams(ws, idle), kind, options, pod, container, id))
            .onFailure(t -> LOG.warn("{} in {}/{} container {}: the upgrade failed", kind, namespace, podName,
                container, t));
        return;
      }
      String protocol = SpdyUpgrade.negotiate(req, SpdyExecStreams.PROTOCOLS);
      if (protocol == null) {
        return;
      }
      SpdyUpgrade.accept(req, Map.of(SpdyUpgrade.VERSION, protocol))
          .compose(socket -> SpdyExecStreams.serve(Vertx.currentContext(), socket, protocol, options, idle))
          .onSuccess(client -> start(client, kind, options, pod, container, id))
          .onFailure(t -> LOG.warn("{} in {}/{} container {} over SPDY: {}", kind, namespace, podName,
              container, t.getMessage()));
    });
  }

  private void start(ClientStreams client, String kind, ExecOptions options, JsonNode pod, String container,
      String id) {
    if (kind.equals("exec")) {
      exec(client, options, id);
    } else {
      attach(client, options, pod, container, id);
    }
  }

  private void exec(ClientStreams client, ExecOptions options, String id) {
    ExecSession session = new ExecSession(options, client.protocol(), client);
    client.listen(session);
    Path pidFile = execs.pidFile(id, UUID.randomUUID().toString());
    threads.execute(() -> {
      try {
        session.run((width, height) -> ContainerProcess.start(execs.line(id, options.tty(), pidFile,
            options.command()), pidFile, options.stdin(), options.stdout(), options.tty(), width, height),
            threads);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("exec in container {} failed", id, e);
        client.send(ChannelProtocol.ERROR, ExitStatus.error(String.valueOf(e.getMessage())).bytes(client.protocol()));
      } finally {
        client.close();
      }
    });
  }

  private void attach(ClientStreams client, ExecOptions options, JsonNode pod, String container, String id) {
    if (hasStdin(pod.path("spec"), container)) {
      attachStdin(client, options, id);
      return;
    }
    client.listen(ClientStreams.IGNORED); // no stdin to give: conmon holds none open
    int attempt = Integer.parseInt(id.substring(id.lastIndexOf('.') + 1));
    threads.execute(() -> {
      try {
        client.send(options.stdout() ? ChannelProtocol.STDOUT : options.stderr() ? ChannelProtocol.STDERR
            : ChannelProtocol.ERROR, new byte[0]);
        LogReader.copy(files.logPath(pod, container, attempt), new LogOptions(0, -1, null, true, false, false),
            new AttachLines(options, client, client::gone), () -> files.running(id), client::gone);
        sendSuccess(client);
      } catch (IOException | RuntimeException e) {
        LOG.warn("attach to container {} failed", id, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        client.close();
      }
    });
  }

  /**
   * Attaches to a container that has a stdin through conmon's attach socket: its output as conmon
   * sends it, the client's stdin to it (v5's close ends it), until the container ends or the
   * client goes (which detaches, the container going on).
   */
  private void attachStdin(ClientStreams client, ExecOptions options, String id) {
    AttachSocket socket;
    try {
      socket = AttachSocket.connect(execs.attachSocket(id));
    } catch (IOException | RuntimeException e) {
      LOG.warn("attach to container {} failed", id, e);
      client.send(ChannelProtocol.ERROR, ExitStatus.error(String.valueOf(e.getMessage())).bytes(client.protocol()));
      client.close();
      return;
    }
    BlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
    byte[] end = new byte[0];
    AtomicReference<byte[]> size = new AtomicReference<>();
    client.listen(new ClientInput() {
      @Override
      public void stdin(byte[] data) {
        if (options.stdin() && data.length > 0) {
          stdin.add(data);
        }
      }

      @Override
      public void stdinClosed() {
        stdin.add(end);
      }

      @Override
      public void resize(byte[] json) {
        if (options.tty()) {
          StreamServer.this.resize(id, json, size);
        }
      }

      @Override
      public void gone() {
        socket.close();
        stdin.add(end);
      }
    });
    threads.execute(() -> {
      try {
        for (byte[] b; (b = stdin.take()) != end; ) {
          socket.write(b);
        }
        if (!client.gone()) {
          socket.closeStdin();
        }
      } catch (IOException e) {
        // the container no longer reads
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    threads.execute(() -> {
      try {
        client.send(options.stdout() ? ChannelProtocol.STDOUT : options.stderr() ? ChannelProtocol.STDERR
            : ChannelProtocol.ERROR, new byte[0]);
        for (AttachSocket.Packet p; (p = socket.read()) != null && !client.gone(); ) {
          boolean err = p.stream() == AttachSocket.STDERR;
          if (err && options.stderr()) {
            client.send(ChannelProtocol.STDERR, p.data());
          } else if ((!err || options.tty()) && options.stdout()) {
            client.send(ChannelProtocol.STDOUT, p.data());
          }
        }
        sendSuccess(client);
      } catch (IOException e) {
        if (!client.gone()) {
          LOG.warn("attach to container {} cut short", id, e);
        }
      } finally {
        stdin.add(end);
        socket.close();
        client.close();
      }
    });
  }

  /** The success status on the error channel, where the protocol has one and the client is still there. */
  private static void sendSuccess(ClientStreams client) {
    byte[] status = ExitStatus.success().bytes(client.protocol());
    if (!client.gone() && status.length > 0) {
      client.send(ChannelProtocol.ERROR, status);
    }
  }

  /**
   * A client's resize of the container's terminal ({@code {"Width":..,"Height":..}}), off the event
   * loop; resizes are applied one at a time, the last one last (kubectl's attach sends one a row
   * and a column larger, then its own, to have the screen drawn again).
   */
  private void resize(String id, byte[] json, AtomicReference<byte[]> latest) {
    latest.set(json);
    threads.execute(() -> {
      synchronized (latest) {
        try {
          JsonNode size = JSON.readTree(latest.get());
          int width = size.path("Width").asInt(0);
          int height = size.path("Height").asInt(0);
          if (width > 0 && height > 0) {
            execs.resize(id, width, height);
          }
        } catch (IOException | RuntimeException e) {
          LOG.debug("resize of container {} failed", id, e);
        }
      }
    });
  }

  private static boolean hasStdin(JsonNode spec, String container) {
    for (String list : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
      for (JsonNode c : spec.path(list)) {
        if (container.equals(c.path("name").asText())) {
          return c.path("stdin").asBoolean(false);
        }
      }
    }
    return false;
  }

  /** The runtime id of the container's running run ({@code runc://ID}), null when it does not run. */
  static String runningId(JsonNode status, String container) {
    for (String list : new String[] {"containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"}) {
      for (JsonNode c : status.path(list)) {
        String uri = c.path("containerID").asText("");
        if (container.equals(c.path("name").asText()) && c.path("state").has("running") && uri.contains("://")) {
          return uri.substring(uri.indexOf("://") + 3);
        }
      }
    }
    return null;
  }

  private static Map<String, List<String>> params(HttpServerRequest req) {
    Map<String, List<String>> m = new HashMap<>();
    req.params().forEach(e -> m.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return m;
  }

  private static void text(HttpServerRequest req, int code, String body) {
    req.resume();
    if (!req.response().headWritten()) {
      req.response().setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }
  }
}
