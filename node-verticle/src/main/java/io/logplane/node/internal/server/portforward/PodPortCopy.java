package io.logplane.node.internal.server.portforward;

import io.logplane.node.internal.server.spdy.SpdyStream;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One forwarded connection, as containerd's {@code portForward}: a connection from the node to the
 * port at the pod's address, copied both ways with the data stream. When one side ends, the
 * other has a second to end too; then the connection is closed and both streams end. A connect
 * that fails is told on the error stream.
 */
final class PodPortCopy {
  private static final Logger LOG = LoggerFactory.getLogger(PodPortCopy.class);
  /** How long the other side may go on once one side ended, as containerd's. */
  static final long GRACE_MS = 1000;

  /** Where the pod's ports are: its address, its sandbox's id and network namespace. */
  record Pod(String ip, String sandboxId, String netns) {}

  private final Vertx vertx;
  private final SpdyStream error;
  private final SpdyStream data;
  private NetSocket socket;
  private boolean podDone;
  private boolean clientDone;
  private boolean finished;
  private long timer = -1;

  private PodPortCopy(Vertx vertx, SpdyStream error, SpdyStream data) {
    this.vertx = vertx;
    this.error = error;
    this.data = data;
  }

  /** Connects to {@code port} of the pod and copies; called on the connection's context. */
  static void start(Vertx vertx, NetClient client, Pod pod, int port, SpdyStream error, SpdyStream data) {
    PodPortCopy copy = new PodPortCopy(vertx, error, data);
    client.connect(port, pod.ip()).onComplete(ar -> {
      if (ar.succeeded()) {
        copy.copy(ar.result());
      } else {
        LOG.debug("port {} of pod {} not reached", port, pod.sandboxId(), ar.cause());
        error.write(Buffer.buffer(ForwardErrors.forwarding(port, pod.sandboxId(), pod.netns(), pod.ip(),
            ar.cause())));
        error.end();
        data.end();
      }
    });
  }

  private void copy(NetSocket s) {
    socket = s;
    data.handler(b -> {
      s.write(b);
      if (s.writeQueueFull()) {
        data.pause();
        s.drainHandler(v -> data.resume());
      }
    });
    data.endHandler(() -> {
      clientDone = true;
      oneSideDone();
    });
    s.handler(b -> {
      data.write(b);
      if (data.writeQueueFull()) {
        s.pause();
        data.drainHandler(s::resume);
      }
    });
    // The end, not the close: a paused socket that closes still holds what it read, which comes
    // before its end.
    s.endHandler(v -> podEnded());
    s.exceptionHandler(t -> LOG.debug("forwarded connection failed", t));
  }

  private void podEnded() {
    if (!podDone) {
      podDone = true;
      data.end();
      oneSideDone();
    }
  }

  private void oneSideDone() {
    if (podDone && clientDone) {
      finish();
    } else if (timer < 0 && !finished) {
      timer = vertx.setTimer(GRACE_MS, id -> finish());
    }
  }

  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    socket.close();
    data.resume();
    data.end();
    error.end();
  }
}
