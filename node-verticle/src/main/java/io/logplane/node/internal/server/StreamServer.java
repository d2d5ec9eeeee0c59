package io.logplane.node.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.streams.AttachSocket;
import io.logplane.node.internal.streams.ChannelProtocol;
import io.logplane.node.internal.streams.ContainerProcess;
import io.logplane.node.internal.streams.ExecOptions;
import io.logplane.node.internal.streams.ExecSession;
import io.logplane.node.internal.streams.ExitStatus;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node server's {@code /exec/{namespace}/{pod}/{container}?command=..} and
 * {@code /attach/..}, as the kubelet serves them over WebSocket (the {@link ChannelProtocol}s):
 * the options read, the pod and its running container found, then the connection upgraded and
 * the command run ({@link ExecSession}) or the container's output followed. Refusals are the
 * kubelet's: a 400 for options, 404 {@code pod does not exist}, 500 {@code container not found
 * ("c")} for a container that does not run. SPDY, which kubectl falls back to when WebSocket
 * fails, is not spoken: its upgrade is refused once the request proved valid.
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
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "node-server-stream");
    t.setDaemon(true);
    return t;
  });

  StreamServer(NodePods pods, LogFiles files, ContainerExecs execs) {
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
      if (!"websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
        text(req, 400, "this node speaks the WebSocket channel protocols (" + String.join(", ",
            ChannelProtocol.names()) + "), not " + (req.getHeader("Upgrade") == null ? "plain HTTP"
            : req.getHeader("Upgrade")));
        return;
      }
      req.toWebSocket().onSuccess(ws -> {
        ChannelProtocol protocol = ChannelProtocol.of(ws.subProtocol());
        AtomicBoolean gone = new AtomicBoolean();
        ExecSession.Sink sink = (channel, data) -> send(ws, protocol, channel, data, gone);
        if (kind.equals("exec")) {
          exec(ws, protocol, options, id, sink, gone);
        } else {
          attach(ws, protocol, options, pod, container, id, sink, gone);
        }
      }).onFailure(t -> LOG.warn("{} in {}/{} container {}: the upgrade failed", kind, namespace, podName,
          container, t));
    });
  }

  private void exec(ServerWebSocket ws, ChannelProtocol protocol, ExecOptions options, String id,
      ExecSession.Sink sink, AtomicBoolean gone) {
    ExecSession session = new ExecSession(options, protocol, sink);
    ws.binaryMessageHandler(b -> session.received(b.getBytes()));
    ws.textMessageHandler(s -> session.received(s.getBytes(StandardCharsets.US_ASCII)));
    ws.closeHandler(v -> {
      gone.set(true);
      session.clientGone();
    });
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
        sink.send(ChannelProtocol.ERROR, ExitStatus.error(String.valueOf(e.getMessage())).bytes(protocol));
      } finally {
        ws.close();
      }
    });
  }

  private void attach(ServerWebSocket ws, ChannelProtocol protocol, ExecOptions options, JsonNode pod,
      String container, String id, ExecSession.Sink sink, AtomicBoolean gone) {
    if (hasStdin(pod.path("spec"), container)) {
      attachStdin(ws, protocol, options, id, sink, gone);
      return;
    }
    ws.closeHandler(v -> gone.set(true));
    ws.binaryMessageHandler(b -> { }); // no stdin to give: conmon holds none open
    ws.textMessageHandler(s -> { });
    int attempt = Integer.parseInt(id.substring(id.lastIndexOf('.') + 1));
    threads.execute(() -> {
      try {
        sink.send(options.stdout() ? ChannelProtocol.STDOUT : options.stderr() ? ChannelProtocol.STDERR
            : ChannelProtocol.ERROR, new byte[0]);
        LogReader.copy(files.logPath(pod, container, attempt), new LogOptions(0, -1, null, true, false, false),
            new AttachLines(options, sink, gone), () -> files.running(id), gone::get);
        if (!gone.get()) {
          byte[] status = ExitStatus.success().bytes(protocol);
          if (status.length > 0) {
            sink.send(ChannelProtocol.ERROR, status);
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("attach to container {} failed", id, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        ws.close();
      }
    });
  }

  /**
   * Attaches to a container that has a stdin through conmon's attach socket: its output as conmon
   * sends it, the client's stdin to it (v5's close ends it), until the container ends or the
   * client goes (which detaches, the container going on).
   */
  private void attachStdin(ServerWebSocket ws, ChannelProtocol protocol, ExecOptions options, String id,
      ExecSession.Sink sink, AtomicBoolean gone) {
    AttachSocket socket;
    try {
      socket = AttachSocket.connect(execs.attachSocket(id));
    } catch (IOException | RuntimeException e) {
      LOG.warn("attach to container {} failed", id, e);
      sink.send(ChannelProtocol.ERROR, ExitStatus.error(String.valueOf(e.getMessage())).bytes(protocol));
      ws.close();
      return;
    }
    java.util.concurrent.BlockingQueue<byte[]> stdin = new java.util.concurrent.LinkedBlockingQueue<>();
    byte[] end = new byte[0];
    Handler<Buffer> received = b -> {
      ChannelProtocol.Frame f = protocol.decode(b.getBytes());
      if (f != null && f.channel() == ChannelProtocol.STDIN && options.stdin() && f.data().length > 0) {
        stdin.add(f.data());
      } else if (f != null && f.channel() == ChannelProtocol.CLOSE && protocol.closeSignal()
          && f.data().length > 0 && f.data()[0] == ChannelProtocol.STDIN) {
        stdin.add(end);
      } else if (f != null && f.channel() == ChannelProtocol.RESIZE && options.tty()) {
        resize(id, f.data());
      }
    };
    ws.binaryMessageHandler(received);
    ws.textMessageHandler(t -> received.handle(Buffer.buffer(t)));
    ws.closeHandler(v -> {
      gone.set(true);
      socket.close();
      stdin.add(end);
    });
    threads.execute(() -> {
      try {
        for (byte[] b; (b = stdin.take()) != end; ) {
          socket.write(b);
        }
        if (!gone.get()) {
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
        sink.send(options.stdout() ? ChannelProtocol.STDOUT : options.stderr() ? ChannelProtocol.STDERR
            : ChannelProtocol.ERROR, new byte[0]);
        for (AttachSocket.Packet p; (p = socket.read()) != null && !gone.get(); ) {
          boolean err = p.stream() == AttachSocket.STDERR;
          if (err && options.stderr()) {
            sink.send(ChannelProtocol.STDERR, p.data());
          } else if ((!err || options.tty()) && options.stdout()) {
            sink.send(ChannelProtocol.STDOUT, p.data());
          }
        }
        if (!gone.get()) {
          byte[] status = ExitStatus.success().bytes(protocol);
          if (status.length > 0) {
            sink.send(ChannelProtocol.ERROR, status);
          }
        }
      } catch (IOException e) {
        if (!gone.get()) {
          LOG.warn("attach to container {} cut short", id, e);
        }
      } finally {
        stdin.add(end);
        socket.close();
        ws.close();
      }
    });
  }

  /** A client's resize of the container's terminal ({@code {"Width":..,"Height":..}}), off the event loop. */
  private void resize(String id, byte[] json) {
    threads.execute(() -> {
      try {
        JsonNode size = JSON.readTree(json);
        int width = size.path("Width").asInt(0);
        int height = size.path("Height").asInt(0);
        if (width > 0 && height > 0) {
          execs.resize(id, width, height);
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("resize of container {} failed", id, e);
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

  /** Sends from a copy's thread, waiting while the client is slower than the command. */
  private static void send(ServerWebSocket ws, ChannelProtocol protocol, int channel, byte[] data,
      AtomicBoolean gone) {
    while (ws.writeQueueFull() && !gone.get()) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (gone.get()) {
      return;
    }
    byte[] message = protocol.encode(channel, data);
    if (protocol.binary()) {
      ws.writeBinaryMessage(Buffer.buffer(message));
    } else {
      ws.writeTextMessage(new String(message, StandardCharsets.US_ASCII));
    }
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
