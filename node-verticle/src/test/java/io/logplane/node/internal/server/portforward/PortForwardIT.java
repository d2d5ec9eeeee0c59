package io.logplane.node.internal.server.portforward;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.RealNodeOptions;
import io.logplane.node.internal.server.ContainerExecs;
import io.logplane.node.internal.server.LogFiles;
import io.logplane.node.internal.server.NodePods;
import io.logplane.node.internal.server.NodeServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Port-forward through the node's server over real sockets, as client-go speaks it (SPDY/3.1 over
 * an HTTP upgrade, and tunnelled in a WebSocket): a pod's HTTP port answers requests on two
 * forwarded connections at once; a port nobody listens on is told on the error stream in the
 * runtime's words; streams without their headers are reset; a request whose second stream does
 * not come is told so; pings are answered; a pod the node
 * does not hold, of another uid, or without an address is refused as the kubelet refuses it.
 * The "pod" is an HTTP server at 127.0.0.1, the address its status gives.
 */
class PortForwardIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UID = "0d6f1c9e-2b1f-4c55-9b8e-6f1e2a3b4c5d";

  private static Vertx vertx;
  private static NodePods pods;
  private static NodeServer server;
  private static HttpServer web;
  private static int port;
  private static int webPort;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    web = vertx.createHttpServer().requestHandler(req -> req.response().end("hello from " + req.path()))
        .listen(0, "127.0.0.1").await();
    webPort = web.actualPort();
    pods = (ns, name) -> Future.succeededFuture(switch (ns + "/" + name) {
      case "it/web" -> pod(name, "127.0.0.1");
      case "it/pending" -> pod(name, "");
      default -> null;
    });
    server = new NodeServer(vertx, pods, LogFiles.of(() -> null), 2, ContainerExecs.NONE,
        id -> "/run/netns/lpit-" + id);
    port = server.listen(new HttpServerOptions(), "127.0.0.1", 0).await().actualPort();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      server.close();
      vertx.close().await();
    }
  }

  private static JsonNode pod(String name, String ip) {
    try {
      return JSON.readTree(("{'metadata':{'name':'" + name + "','namespace':'it','uid':'" + UID + "'},"
          + "'status':{'podIP':'" + ip + "'}}").replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void forwardsTwoConnectionsAtOnceOverSpdy() throws Exception {
    try (SpdyTestClient c = SpdyTestClient.upgrade(port, "/portForward/it/web")) {
      twoRequests(c);
    }
  }

  @Test
  void forwardsTwoConnectionsAtOnceOverAWebSocketTunnel() throws Exception {
    try (SpdyTestClient c = SpdyTestClient.tunnel(vertx, port, "/portForward/it/web/" + UID)) {
      twoRequests(c);
    }
  }

  private static void twoRequests(SpdyTestClient c) throws Exception {
    SpdyTestClient.Stream[] first = c.forward(webPort, 0);
    SpdyTestClient.Stream[] second = c.forward(webPort, 1);
    c.write(second[1], "GET /two HTTP/1.0\r\n\r\n", false);
    c.write(first[1], "GET /one HTTP/1.0\r\n\r\n", false);
    String one = first[1].readAll();
    String two = second[1].readAll();
    assertTrue(one.startsWith("HTTP/1.0 200 OK\r\n") && one.endsWith("\r\n\r\nhello from /one"), one);
    assertTrue(two.endsWith("\r\n\r\nhello from /two"), two);
    c.reset(first[1]); // as client-go, once the pod's side ended
    c.reset(second[1]);
    assertEquals("", first[0].readAll());
    assertEquals("", second[0].readAll());
  }

  @Test
  void aPortNobodyListensOnIsToldOnTheErrorStreamAndTheConnectionGoesOn() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (SpdyTestClient c = SpdyTestClient.upgrade(port, "/portForward/it/web")) {
      SpdyTestClient.Stream[] refused = c.forward(closed, 7);
      assertEquals("error forwarding port " + closed + " to pod " + UID + ", uid : failed to execute portforward in"
          + " network namespace \"/run/netns/lpit-" + UID + "\": dial tcp 127.0.0.1:" + closed
          + ": connect: connection refused", refused[0].readAll());
      assertEquals("", refused[1].readAll());
      SpdyTestClient.Stream[] then = c.forward(webPort, 8);
      c.write(then[1], "GET /after HTTP/1.0\r\n\r\n", true);
      assertTrue(then[1].readAll().endsWith("hello from /after"));
    }
  }

  @Test
  void streamsWithoutTheirHeadersAreResetAndPingsAnswered() throws Exception {
    try (SpdyTestClient c = SpdyTestClient.tunnel(vertx, port, "/portForward/it/web")) {
      List<Map<String, String>> wrong = List.of(Map.of("streamType", "data"),
          Map.of("streamType", "data", "port", "0"), Map.of("streamType", "data", "port", "http"),
          Map.of("port", "80"), Map.of("streamType", "other", "port", "80"));
      for (Map<String, String> headers : wrong) {
        SpdyTestClient.Stream s = c.open(headers, false);
        ExecutionException e = assertThrows(ExecutionException.class, () -> s.replied.get(30, TimeUnit.SECONDS));
        assertEquals("reset CANCEL", e.getCause().getMessage().replace("reset 5 ", "reset "), headers.toString());
      }
      c.ping(1);
      assertEquals(1, c.pings.poll(30, TimeUnit.SECONDS));
      Map<String, String> error = Map.of("streamType", "error", "port", String.valueOf(webPort), "requestID", "3");
      SpdyTestClient.Stream first = c.open(error, true);
      SpdyTestClient.Stream twice = c.open(error, true);
      assertTrue(twice.ended.get(30, TimeUnit.SECONDS).startsWith("reset"));
      await("the first error stream tells").atMost(Duration.ofSeconds(30)).until(() -> new String(first.bytes(),
          StandardCharsets.UTF_8), m -> m.equals("error processing stream for request 3: error stream already assigned"));
      SpdyTestClient.Stream data = c.open(Map.of("streamType", "data", "port", String.valueOf(webPort),
          "requestID", "3"), false);
      c.write(data, "GET /still HTTP/1.0\r\n\r\n", false);
      assertTrue(data.readAll().endsWith("hello from /still"));
    }
  }

  @Test
  void aRequestWhoseSecondStreamDoesNotComeIsToldSoOnItsErrorStream() throws Exception {
    PortForwardHandler quick = new PortForwardHandler(vertx, pods, id -> "", Duration.ofMillis(100),
        RealNodeOptions.STREAMING_IDLE);
    HttpServer s = vertx.createHttpServer().requestHandler(quick::handle).listen(0, "127.0.0.1").await();
    try (SpdyTestClient c = SpdyTestClient.upgrade(s.actualPort(), "/portForward/it/web")) {
      SpdyTestClient.Stream error = c.open(Map.of("streamType", "error", "port", String.valueOf(webPort),
          "requestID", "4"), true);
      String said = error.readAll();
      assertTrue(said.matches("\\(conn=127\\.0\\.0\\.1:\\d+, request=4\\) timed out waiting for streams"), said);
    } finally {
      s.close().await();
      quick.close();
    }
  }

  /**
   * The kubelet's {@code --streaming-connection-idle-timeout} (4 h by default, here 1.5 s): a
   * connection with no frame either way is closed; one the client pings, as client-go does, is
   * not, and still forwards.
   */
  @Test
  void aConnectionIdleForTheStreamingIdleTimeoutIsClosedAndOneThatIsPingedIsNot() throws Exception {
    NodeServer idling = new NodeServer(vertx, pods, LogFiles.of(() -> null), 2, ContainerExecs.NONE, id -> "",
        Duration.ofMillis(1500));
    HttpServer s = idling.listen(new HttpServerOptions(), "127.0.0.1", 0).await();
    try (SpdyTestClient quiet = SpdyTestClient.upgrade(s.actualPort(), "/portForward/it/web");
        SpdyTestClient quietTunnel = SpdyTestClient.tunnel(vertx, s.actualPort(), "/portForward/it/web");
        SpdyTestClient pinged = SpdyTestClient.tunnel(vertx, s.actualPort(), "/portForward/it/web")) {
      for (int id = 1; id < 30; id += 2) { // 15 pings, 300 ms apart: 4.5 s, three times the timeout
        pinged.ping(id);
        assertEquals(id, pinged.pings.poll(30, TimeUnit.SECONDS));
        Thread.sleep(300);
      }
      quiet.gone.get(30, TimeUnit.SECONDS);
      quietTunnel.gone.get(30, TimeUnit.SECONDS);
      assertFalse(pinged.gone.isDone(), "a connection with pings stays");
      twoRequests(pinged);
    } finally {
      s.close().await();
      idling.close();
    }
  }

  @Test
  void podsTheNodeCannotForwardToAreRefusedAsTheKubeletRefusesThem() throws Exception {
    String upgrade = "Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\n";
    SpdyTestClient.Refusal absent = SpdyTestClient.refusal(port, "/portForward/it/absent", upgrade);
    assertTrue(absent.head().startsWith("HTTP/1.1 404"), absent.head());
    assertEquals("pod does not exist", absent.body());
    SpdyTestClient.Refusal otherUid = SpdyTestClient.refusal(port, "/portForward/it/web/other", upgrade);
    assertTrue(otherUid.head().startsWith("HTTP/1.1 404"), otherUid.head());
    assertEquals("pod not found", otherUid.body());
    SpdyTestClient.Refusal pending = SpdyTestClient.refusal(port, "/portForward/it/pending", upgrade);
    assertTrue(pending.head().startsWith("HTTP/1.1 500"), pending.head());
    assertEquals("pod not found (\"pending_it\")", pending.body());
    SpdyTestClient.Refusal v2 = SpdyTestClient.refusal(port, "/portForward/it/web",
        "Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: v2.portforward.k8s.io\r\n");
    assertTrue(v2.head().startsWith("HTTP/1.1 403"), v2.head());
    assertEquals("unable to upgrade: unable to negotiate protocol: client supports [v2.portforward.k8s.io],"
        + " server accepts [portforward.k8s.io]\n", v2.body());
    SpdyTestClient.Refusal ws = SpdyTestClient.refusal(port, "/portForward/it/web", "Connection: Upgrade\r\n"
        + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Protocol: v4.channel.k8s.io\r\n");
    assertTrue(ws.head().startsWith("HTTP/1.1 400"), ws.head());
    assertEquals("unable to upgrade: no tunneling spdy protocols provided", ws.body());
  }
}
