package io.logplane.api.nodeproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The upgrade proxy between a client and a node's server on loopback: what the node sends
 * reaches the client whole though the node closes its connection at once after it, and the
 * client reads slowly.
 */
class UpgradeProxyTest {
  private static final int SIZE = 48 * 1024 * 1024;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  @Disabled("not fixed: a node that closes while the proxy holds its socket paused behind a slow client still"
      + " loses what that socket held (about 240 KB of 48 MB; 1.4 MB before the proxy ended the client's side at"
      + " the node's end); the node's own server waits for the client to close, so kubectl loses nothing")
  void allTheNodeSentReachesASlowClientThoughTheNodeClosedFirst() throws Exception {
    HttpServer node = vertx.createHttpServer().requestHandler(req -> req.toNetSocket().onSuccess(s -> {
      // All of it written, then the connection closed once it went out.
      s.write(Buffer.buffer(new byte[SIZE])).onComplete(v -> s.close());
    }));
    int nodePort = listen(node);
    UpgradeProxy proxy = new UpgradeProxy(vertx);
    int proxyPort = listen(vertx.createHttpServer().requestHandler(req ->
        proxy.proxy(req, new KubeletLocation("127.0.0.1", nodePort), "/stream")));

    try (Socket client = new Socket("127.0.0.1", proxyPort)) {
      client.getOutputStream().write(("GET /stream HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
          + "Upgrade: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = client.getInputStream();
      String head = head(in);
      assertTrue(head.startsWith("HTTP/1.1 101"), head);
      // Nothing read for a while: the node's bytes back up in the proxy, and the node closes.
      Thread.sleep(2000);
      long read = 0;
      byte[] b = new byte[16 * 1024];
      for (int n; (n = in.read(b)) >= 0; read += n) {
        Thread.sleep(0, 100_000);
      }
      assertEquals(SIZE, read);
    }
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
