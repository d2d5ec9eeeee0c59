package io.logplane.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flushes of a connection are batched between TLS and HTTP/2 on a real Vert.x server over
 * loopback: the handler sits right after Vert.x's TLS handler, and many answers sent together
 * from tasks of the event loop all arrive whole.
 */
class FlushBatchingTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void answersSentTogetherFromTasksArriveWholeThroughTheBatchingAfterTls() throws Exception {
    List<List<String>> pipelines = new CopyOnWriteArrayList<>();
    List<HttpVersion> versions = new CopyOnWriteArrayList<>();
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
            .setKeyCertOptions(cert.keyCertOptions()))
        .connectionHandler(FlushBatching::install)
        .requestHandler(request -> {
          pipelines.add(((ConnectionBase) request.connection()).channel().pipeline().names());
          versions.add(request.version());
          // answered from a later task of the loop, as the API answers a write once it is applied
          vertx.getOrCreateContext().runOnContext(v -> request.response().end("answer " + request.path()));
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
        .setTrustAll(true).setVerifyHost(false).setProtocolVersion(HttpVersion.HTTP_2));
    List<io.vertx.core.Future<String>> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/" + i)
          .compose(r -> r.send().compose(res -> res.body())).map(b -> b.toString()));
    }
    for (int i = 0; i < 200; i++) {
      assertEquals("answer /" + i, answers.get(i).await(10, TimeUnit.SECONDS));
    }
    List<String> names = pipelines.get(0);
    assertTrue(names.indexOf("flush-batching") == names.indexOf("ssl") + 1, names.toString());
    assertEquals(List.of(HttpVersion.HTTP_2), versions.stream().distinct().toList(), "one HTTP/2 connection");
  }
}
