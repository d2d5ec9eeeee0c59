package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.KubeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;

/**
 * The bench's own client compiled before it measures anything. The bench is a JVM too: a cold
 * one sends its first thousands of requests from interpreted code, at about a third less than it
 * sends once compiled (one client, to a warm server). That slowness would be counted as the
 * server's, and against the server measured first only (A, in round one of {@code --compare}), so
 * the figures of a fresh server ({@code --warmup 0}) were the client's as much as its own. A Go
 * client (kubectl, client-go) has no such warm-up.
 *
 * <p>So before the first server is reached, the client sends creates and gets, by one client and
 * by 16, to a responder in this process on loopback that speaks as the servers do (TLS, HTTP/2
 * over ALPN): it answers a create with 201 and the pod it was sent, a get with 200 and a pod.
 * Nothing of it reaches a server and no figure of it is taken for one.
 */
final class ClientWarmUp {

  @Option(names = "--client-warmup", paramLabel = "N", defaultValue = "20000",
      description = "Requests the bench's own client sends to a loopback responder in its process before it"
          + " reaches any server, so that its code is compiled before it measures; 0 for none (default:"
          + " ${DEFAULT-VALUE}).")
  int requests;

  /** Warms the client up, unless told not to; prints one line. */
  void run(int connections, Duration requestTimeout, PrintWriter out) throws InterruptedException {
    if (requests <= 0) {
      return;
    }
    long start = System.nanoTime();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    try {
      SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
      HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setUseAlpn(true)
          .setKeyCertOptions(cert.keyCertOptions())).requestHandler(ClientWarmUp::answer);
      int port = server.listen(0, "127.0.0.1").await(30, TimeUnit.SECONDS).actualPort();
      KubeConfig config = new KubeConfig(URI.create("https://127.0.0.1:" + port), null, true, "Bearer warm-up",
          null, null);
      try (KubeClient client = new KubeClient(config, "logplane-bench", connections, requestTimeout)) {
        BenchRun run = new BenchRun(client, "client-warmup", new PrintWriter(Writer.nullWriter()));
        int quarter = Math.max(1, requests / 4);
        long errors = CreateThroughput.run(run, quarter, 1).errors() + CreateThroughput.run(run, quarter, 16).errors()
            + GetPods.run(run, Math.max(1, requests - 2 * quarter), 16).errors();
        if (errors > 0) {
          throw new BenchException("the bench's client failed " + errors + " requests to its own loopback responder");
        }
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException i) {
        throw i;
      }
      if (e instanceof BenchException b) {
        throw b;
      }
      throw new BenchException("cannot warm the bench's client up on loopback: " + e.getMessage(), e);
    } finally {
      try {
        vertx.close().await(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // its threads are daemons: nothing is left running after the bench
      }
    }
    out.printf("bench: client warmed up with %d requests to a loopback responder in %.1f s%n", requests,
        (System.nanoTime() - start) / 1e9);
    out.flush();
  }

  /** 201 with the body sent for a create, 200 with a pod for a get, 200 with an empty object for the rest. */
  private static void answer(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      boolean create = request.method() == HttpMethod.POST;
      Buffer answer = create ? body : request.method() == HttpMethod.GET ? POD : EMPTY;
      request.response().setStatusCode(create ? 201 : 200).putHeader("Content-Type", "application/json").end(answer);
    });
  }

  private static final Buffer POD = Buffer.buffer("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":"
      + "\"bench-client-warmup-0\",\"namespace\":\"bench-client-warmup\",\"uid\":\"00000000-0000-0000-0000-000000000000\","
      + "\"resourceVersion\":\"1\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"registry.k8s.io/pause:3.9\"}]},"
      + "\"status\":{\"phase\":\"Pending\"}}");
  private static final Buffer EMPTY = Buffer.buffer("{}");
}
