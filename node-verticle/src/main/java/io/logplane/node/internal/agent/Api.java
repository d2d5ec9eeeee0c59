package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of a node process to the API server, in one place: at most {@code maxInFlight}
 * at a time (others wait their turn, so many nodes do not flood the server), and retried with
 * {@link Backoff} while the server is unreachable or answers 429 or 5xx, until it answers or
 * this is closed. Everything runs on, and every future completes on, the owner's context.
 */
public final class Api implements Requests {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);

  private final KubeClient client;
  private final Context context;
  private final int maxInFlight;
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private final Set<Long> timers = new HashSet<>();
  private int inFlight;
  private boolean closed;
  private boolean down;

  public Api(KubeClient client, Context context, int maxInFlight) {
    this.client = client;
    this.context = context;
    this.maxInFlight = maxInFlight;
  }

  /**
   * Sends a request; the future has the server's answer other than 429 and 5xx, or fails only
   * when this is closed first.
   */
  @Override
  public Future<KubeClient.Response> call(String method, String path, JsonNode body) {
    return call(method, path, body, Map.of());
  }

  /**
   * The calls of node {@code name}, made as the node: impersonated ({@code Impersonate-User:
   * system:node:NAME}, group {@code system:nodes}), so that the server holds each simulated node
   * to what its Node authorizer and NodeRestriction let a node do, as a real node's own
   * credentials would, while all share this client's connections and bound.
   */
  public Requests asNode(String name) {
    Map<String, String> headers = Map.of("Impersonate-User", "system:node:" + name,
        "Impersonate-Group", "system:nodes");
    return (method, path, body) -> call(method, path, body, headers);
  }

  private Future<KubeClient.Response> call(String method, String path, JsonNode body, Map<String, String> headers) {
    Promise<KubeClient.Response> answer = Promise.promise();
    String json = body == null ? null : body.toString();
    enqueue(() -> attempt(method, path, json, headers, 0, answer));
    return answer.future();
  }

  private void enqueue(Runnable send) {
    if (inFlight < maxInFlight) {
      inFlight++;
      send.run();
    } else {
      waiting.add(send);
    }
  }

  private void attempt(String method, String path, String json, Map<String, String> headers, int tries,
      Promise<KubeClient.Response> answer) {
    if (closed) {
      finished();
      answer.tryFail("closed");
      return;
    }
    client.sendAsync(method, path, json, headers).whenComplete((r, e) -> context.runOnContext(v -> {
      boolean retry = e != null || r.status() == 429 || r.status() >= 500;
      if (!retry) {
        if (down) {
          down = false;
          LOG.info("the API server answers again");
        }
        finished();
        answer.tryComplete(r);
        return;
      }
      if (!down) {
        down = true;
        LOG.warn("the API server did not take {} {} ({}); retrying with back-off", method, path,
            e != null ? e.toString() : r.status());
      }
      // The slot is given up while waiting, so a server that is down does not hold them all.
      finished();
      long[] id = new long[1];
      id[0] = context.owner().setTimer(Backoff.millis(tries + 1), t -> {
        timers.remove(id[0]);
        enqueue(() -> attempt(method, path, json, headers, tries + 1, answer));
      });
      timers.add(id[0]);
    }));
  }

  private void finished() {
    inFlight--;
    Runnable next = waiting.poll();
    if (next != null) {
      inFlight++;
      next.run();
    }
  }

  /** Stops: pending retries are cancelled, waiting requests fail. */
  public void close() {
    closed = true;
    timers.forEach(context.owner()::cancelTimer);
    timers.clear();
    for (Runnable r; (r = waiting.poll()) != null; ) {
      inFlight++;
      r.run(); // attempt() sees closed and fails its future
    }
  }
}
