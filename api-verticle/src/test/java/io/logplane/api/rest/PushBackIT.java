package io.logplane.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.ApiContext;
import io.logplane.api.auth.User;
import io.logplane.api.http.RequestInfo;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import io.logplane.events.Command;
import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import io.logplane.projections.Json;
import io.logplane.projections.Projection;
import io.logplane.projections.Proposals;
import io.logplane.projections.RocksStore;
import io.logplane.projections.StateMachine;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;

/**
 * A write the write path pushes back, answered over HTTP as kube-apiserver answers it: 429, a
 * {@code Retry-After} header, a {@code TooManyRequests} Status with
 * {@code details.retryAfterSeconds}, and no Refused record appended (nothing was attempted).
 */
class PushBackIT {

  @TempDir
  Path dir;

  @Test
  void aWriteWhileTheProjectionLagsIsAnswered429WithRetryAfter() throws Exception {
    List<Command> appended = new CopyOnWriteArrayList<>();
    Vertx vertx = Vertx.vertx();
    try (RocksStore store = RocksStore.open(dir); EventLog log = new FarAheadLog(appended, false)) {
      // The projection has applied nothing and is not running; the log is 20 000 records ahead.
      Projection projection = new Projection(log, store, new StateMachine(Set.of()), 100);
      Proposals proposals = new Proposals(log, projection, 100, Duration.ofMillis(1500));
      proposals.propose(update("earlier"));
      ApiContext api = new ApiContext(vertx, log, proposals, projection, null, null);
      Writer writer = new Writer(api, new StateMachine(Set.of()), proposals);
      // Refusals through a path that knows of no lag, to a log that collects (and fails) what it is given:
      // a Refused record, were one made, would show below, and the answer would still come.
      Refusals refusals = new Refusals(api, new Proposals(new FarAheadLog(appended, true), projection));
      ResourceType configmaps = BuiltinResources.all().stream()
          .filter(t -> t.group().isEmpty() && t.resource().equals("configmaps")).findFirst().orElseThrow();
      Router router = Router.router(vertx);
      router.put("/api/v1/namespaces/default/configmaps/c").handler(ctx -> {
        Call call = Call.of(ctx, RequestInfo.parse(ctx.request().path()), configmaps, new User("alice", List.of()));
        ctx.put(Refusals.class.getName(), refusals);
        writer.written(call, update(call.requestId())).onSuccess(w -> call.send(200, w.object())).onFailure(call::fail);
      });
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1/namespaces/default/configmaps/c"))
          .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

      assertEquals(429, response.statusCode());
      assertEquals("2", response.headers().firstValue("Retry-After").orElse(null));
      JsonNode status = Json.MAPPER.readTree(response.body());
      assertEquals("Status", status.path("kind").asText());
      assertEquals("Failure", status.path("status").asText());
      assertEquals("TooManyRequests", status.path("reason").asText());
      assertEquals(429, status.path("code").asInt());
      assertEquals(2, status.path("details").path("retryAfterSeconds").asInt());
      assertFalse(status.path("message").asText().isEmpty());
      assertEquals(List.of("earlier"), appended.stream().map(c -> c.meta().requestId()).toList(),
          "only the earlier write reached the log: neither the pushed-back one nor a Refused record");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Command update(String requestId) {
    return new Command.Update(new Command.Meta("alice", requestId, 1_767_225_600_000L), "core/configmaps/default/c", 1,
        null, Json.object("{\"metadata\":{\"name\":\"c\",\"namespace\":\"default\"}}".getBytes()));
  }

  /**
   * A log whose end is 20 000 records past anything this process applied; it collects appends,
   * and acknowledges them or fails them.
   */
  private static final class FarAheadLog implements EventLog {
    private final List<Command> appended;
    private final boolean failing;

    FarAheadLog(List<Command> appended, boolean failing) {
      this.appended = appended;
      this.failing = failing;
    }

    @Override
    public synchronized CompletableFuture<Long> append(Command record) {
      appended.add(record);
      return failing ? CompletableFuture.failedFuture(new java.io.IOException("not acknowledged"))
          : CompletableFuture.completedFuture(20_000L + appended.size() - 1);
    }

    @Override
    public CompletableFuture<Long> endOffset() {
      return CompletableFuture.completedFuture(20_000L + appended.size());
    }

    @Override
    public Reader reader(long fromOffset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Publisher<LogEntry> follow(long fromOffset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
