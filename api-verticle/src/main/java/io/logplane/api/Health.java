package io.logplane.api;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code /livez}, {@code /readyz} and {@code /healthz} as kube-apiserver answers them: "ok" when
 * every check passes; with {@code ?verbose}, or when one fails (then with a 500), a line per check
 * ({@code [+]kafka ok}, {@code [-]projection failed: reason withheld}) and a last line saying
 * whether the whole passed; {@code /readyz/<check>} for one check (404 for a check it has not);
 * {@code ?exclude=<check>} to leave one out. The checks: {@code ping}; {@code kafka}, the log's
 * brokers answer within {@link #KAFKA_SECONDS}; and, for readiness, {@code projection}, the store
 * still applies the log (it stops for good on a record of a newer version).
 */
final class Health {

  static final long KAFKA_SECONDS = 3;

  private final Map<String, Supplier<CompletableFuture<String>>> live = new LinkedHashMap<>();
  private final Map<String, Supplier<CompletableFuture<String>>> ready = new LinkedHashMap<>();

  Health(ApiContext api) {
    live.put("ping", () -> CompletableFuture.completedFuture(null));
    live.put("kafka", () -> api.log().endOffset().orTimeout(KAFKA_SECONDS, TimeUnit.SECONDS)
        .handle((end, e) -> e == null ? null : "the log's Kafka did not answer in " + KAFKA_SECONDS + " s"));
    ready.putAll(live);
    ready.put("projection", () -> CompletableFuture.completedFuture(api.projection().failure().isDone()
        ? "the projection stopped: " + api.projection().failure().join().getMessage() : null));
  }

  /** Whether {@code path} is one of these endpoints or one of their checks. */
  static boolean handles(String path) {
    return endpoint(path) != null;
  }

  private static String endpoint(String path) {
    for (String e : List.of("/livez", "/readyz", "/healthz")) {
      if (path.equals(e) || path.startsWith(e + "/")) {
        return e;
      }
    }
    return null;
  }

  void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    String endpoint = endpoint(path);
    Map<String, Supplier<CompletableFuture<String>>> checks = endpoint.equals("/livez") ? live : ready;
    String name = endpoint.substring(1);
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").putHeader("X-Content-Type-Options", "nosniff");
    if (path.length() > endpoint.length() + 1) {
      Supplier<CompletableFuture<String>> one = checks.get(path.substring(endpoint.length() + 1));
      if (one == null) {
        ctx.response().setStatusCode(404).end("404 page not found\n");
        return;
      }
      one.get().thenAccept(failed -> {
        if (failed == null) {
          ctx.response().end("ok");
        } else {
          ctx.response().setStatusCode(500).end("internal server error: " + failed + "\n");
        }
      });
      return;
    }
    List<String> excluded = ctx.queryParam("exclude");
    boolean verbose = ctx.request().params().contains("verbose");
    List<String> names = new ArrayList<>();
    List<CompletableFuture<String>> results = new ArrayList<>();
    checks.forEach((check, run) -> {
      names.add(check);
      results.add(excluded.contains(check) ? CompletableFuture.completedFuture(null) : run.get());
    });
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
      StringBuilder out = new StringBuilder();
      boolean passed = true;
      for (int i = 0; i < names.size(); i++) {
        String failed = results.get(i).join();
        if (excluded.contains(names.get(i))) {
          out.append("[+]").append(names.get(i)).append(" excluded: ok\n");
        } else if (failed == null) {
          out.append("[+]").append(names.get(i)).append(" ok\n");
        } else {
          passed = false;
          out.append("[-]").append(names.get(i)).append(" failed: reason withheld\n");
        }
      }
      if (passed && !verbose) {
        ctx.response().end("ok");
        return;
      }
      out.append(name).append(passed ? " check passed\n" : " check failed\n");
      ctx.response().setStatusCode(passed ? 200 : 500).end(out.toString());
    });
  }
}
