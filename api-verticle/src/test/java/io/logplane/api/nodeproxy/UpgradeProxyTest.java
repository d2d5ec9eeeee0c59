package io.logplane.api.nodeproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade proxy between a client and a node's server on loopback: what the node sends
 * reaches the client whole though the node closes its connection at once after it, and the
 * client reads slowly: it reads nothing until the node is held back (its socket's write queue
 * full, the proxy's and the client's buffers full behind it), then reads in small pieces through
 * a small receive window, so that the node writes its last bytes and closes while the proxy holds
 * its socket paused behind the client.
 */
class UpgradeProxyTest {
  private static final int SIZE = 48 * 1024 * 1024;
  private static final int CHUNK = 64 * 1024;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void allTheNodeSentReachesASlowClientThoughTheNodeClosedFirst() throws Exception {
    CountDownLatch heldBack = new CountDownLatch(1);
    HttpServer node = vertx.createHttpServer().requestHandler(req -> req.toNetSocket().onSuccess(s ->
        // All of it written, then the connection closed once it went out.
        send(s, SIZE, heldBack)));
    int nodePort = listen(node);
    UpgradeProxy proxy = new UpgradeProxy(vertx);
    int proxyPort = listen(vertx.createHttpServer().requestHandler(req ->
        proxy.proxy(req, new KubeletLocation("127.0.0.1", nodePort), "/stream")
            .onFailure(t -> req.response().setStatusCode(500).end(t.toString()))));

    try (Socket client = new Socket()) {
      client.setReceiveBufferSize(4096); // a small window: the proxy waits on each read
      client.setSoTimeout(60_000); // a proxy that stalls fails the test, not hangs it
      client.connect(new InetSocketAddress("127.0.0.1", proxyPort));
      client.getOutputStream().write(("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
          + "Upgrade: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = client.getInputStream();
      String head = head(in);
      assertTrue(head.startsWith("HTTP/1.1 101"), head);
      assertTrue(heldBack.await(60, TimeUnit.SECONDS), "the node is held back behind the client");
      long read = 0;
      byte[] b = new byte[1024];
      for (int n; (n = in.read(b)) >= 0; read += n) {
        // small reads: the proxy's side of the client stays full
      }
      assertEquals(SIZE, read);
    }
  }

  /**
   * Writes {@code left} bytes in chunks as the socket takes them, counting down {@code heldBack}
   * the first time its write queue is full; closes it once the last went out.
   */
  private static void send(NetSocket s, int left, CountDownLatch heldBack) {
    while (left > 0 && !s.writeQueueFull()) {
      int n = Math.min(CHUNK, left);
      left -= n;
      if (left == 0) {
        s.drainHandler(null); // a drain after the last write must not send the earlier rest again
        s.write(Buffer.buffer(new byte[n])).onComplete(v -> s.close());
        return;
      }
      s.write(Buffer.buffer(new byte[n]));
    }
    heldBack.countDown();
    int rest = left;
    s.drainHandler(v -> send(s, rest, heldBack));
  }

  private static String head(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.write(c);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int listen(HttpServer server) throws Exception {
    return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
        .actualPort();
  }
}
