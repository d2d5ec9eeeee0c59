package io.logplane.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2RemoteFlowController;
import io.netty.handler.codec.http2.Http2Stream;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The gap in Netty's HTTP/2 flow controller that {@link StreamWritability} closes, played on an
 * in-memory channel: the socket turns writable, the controller walks two streams, the first
 * writes at once and fills the socket's queue, which is flushed before the TLS handler's later
 * writability event runs. The second stream stays marked not writable on a writable connection,
 * and nothing tells it otherwise; with the handler it is told.
 */
class StreamWritabilityTest {

  private static final int QUEUE_FULL = 1;

  /** What the listener was last told of each stream, as Vert.x keeps it (it flips at each notice). */
  private final Map<Integer, Boolean> told = new HashMap<>();

  @Test
  void withoutTheHandlerAStreamWalkedWhileTheQueueWasFullIsNeverToldItIsWritable() {
    Scene scene = new Scene(false);
    scene.socketTurnsWritable();
    assertTrue(scene.flow.isWritable(scene.second), "the connection and the stream are writable");
    assertFalse(told.get(scene.second.id()), "Netty's gap: the stream was never told");
  }

  @Test
  void withTheHandlerEveryStreamIsToldItIsWritable() {
    Scene scene = new Scene(true);
    scene.socketTurnsWritable();
    assertTrue(scene.flow.isWritable(scene.second));
    assertEquals(Map.of(scene.first.id(), true, scene.second.id(), true), told);
  }

  /** On a real Vert.x server over loopback, as the servers install it from their connection handlers. */
  @Test
  void installedRightAfterVertxHttp2HandlerOfAServersConnectionAndNotOnHttp1() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Map<HttpVersion, List<String>> pipelines = new ConcurrentHashMap<>();
      SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
      HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
              .setKeyCertOptions(cert.keyCertOptions()))
          .connectionHandler(StreamWritability::install)
          .requestHandler(request -> {
            pipelines.put(request.version(), ((ConnectionBase) request.connection()).channel().pipeline().names());
            request.response().end("ok");
          })
          .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      for (HttpVersion version : List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1)) {
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
            .setTrustAll(true).setVerifyHost(false).setProtocolVersion(version));
        assertEquals("ok", client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
            .compose(r -> r.send().compose(res -> res.body())).map(Object::toString)
            .await(10, TimeUnit.SECONDS));
      }
      List<String> h2 = pipelines.get(HttpVersion.HTTP_2);
      assertEquals(h2.indexOf("handler") + 1, h2.indexOf("stream-writability"), h2.toString());
      assertFalse(pipelines.get(HttpVersion.HTTP_1_1).contains("stream-writability"));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** A server connection with two streams of requests, both marked not writable while the socket's queue is full. */
  private final class Scene {
    final EmbeddedChannel channel = new EmbeddedChannel();
    final Http2ConnectionHandler http2 = new Http2ConnectionHandlerBuilder().server(true)
        .frameListener(new Http2FrameAdapter()).build();
    final Http2RemoteFlowController flow;
    final ChannelOutboundBuffer queue;
    final Http2Stream first;
    final Http2Stream second;
    boolean firstWrites;

    Scene(boolean handler) {
      flow = http2.encoder().flowController();
      queue = channel.unsafe().outboundBuffer();
      // told as Vert.x is: from the handler's construction, before the handler is in a pipeline
      flow.listener(stream -> {
        boolean now = !told.getOrDefault(stream.id(), false);
        told.put(stream.id(), now);
        if (now && firstWrites && stream.id() == 3) {
          // the first stream writes at once: the queue is full, then flushed before TLS's event runs
          firstWrites = false;
          channel.eventLoop().execute(() -> queue.setUserDefinedWritability(QUEUE_FULL, true));
          queue.setUserDefinedWritability(QUEUE_FULL, false);
        }
      });
      // TLS fires its writability changes from a later task of the loop; so do these
      channel.pipeline().addLast("later", new ChannelInboundHandlerAdapter() {
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
          ctx.executor().execute(ctx::fireChannelWritabilityChanged);
        }
      });
      channel.pipeline().addLast("http2", http2);
      if (handler) {
        channel.pipeline().addLast("stream-writability", new StreamWritability(http2));
      }
      try {
        first = http2.connection().remote().createStream(3, true);
        second = http2.connection().remote().createStream(5, true);
      } catch (io.netty.handler.codec.http2.Http2Exception e) {
        throw new AssertionError(e);
      }
      queue.setUserDefinedWritability(QUEUE_FULL, false);
      channel.runPendingTasks();
      assertFalse(flow.isWritable(first));
      assertEquals(Map.of(3, false, 5, false), told, "both told they are not writable");
    }

    void socketTurnsWritable() {
      firstWrites = true;
      queue.setUserDefinedWritability(QUEUE_FULL, true);
      channel.runPendingTasks();
      channel.runPendingTasks();
      assertTrue(channel.isWritable());
    }
  }
}
