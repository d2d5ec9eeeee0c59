package io.logplane.kubeclient.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * Feeds a streamed response body line by line to a {@link Flow.Subscriber}, honouring its
 * demand: lines wait in a queue, and the response is paused while too many wait. Everything
 * but {@link #request} and {@link #cancel} runs on the response's event loop; those two hop
 * onto it.
 */
public final class LineSubscription implements Flow.Subscription {
  private static final int HIGH_WATER = 1024;

  private final HttpClientRequest request;
  private final HttpClientResponse response;
  private final Flow.Subscriber<String> lines;
  private final Runnable onEnd;
  private final LineSplitter splitter = new LineSplitter();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private Context context;
  private long demand;
  private boolean ended;
  private boolean paused;
  private volatile boolean done;

  /** @param onEnd run once when the stream ends, fails or is cancelled */
  public LineSubscription(HttpClientRequest request, HttpClientResponse response,
      Flow.Subscriber<String> lines, Runnable onEnd) {
    this.request = request;
    this.response = response;
    this.lines = lines;
    this.onEnd = onEnd;
  }

  /** Subscribes; to be called on the response's event loop, when its headers arrived. */
  public void start() {
    context = Vertx.currentContext();
    response.handler(chunk -> {
      splitter.feed(chunk, queue::add);
      drain();
    });
    response.endHandler(v -> {
      String last = splitter.finish();
      if (last != null) {
        queue.add(last);
      }
      ended = true;
      drain();
    });
    response.exceptionHandler(this::fail);
    lines.onSubscribe(this);
  }

  @Override
  public void request(long n) {
    context.runOnContext(v -> {
      if (done) {
        return;
      }
      if (n <= 0) {
        request.reset();
        fail(new IllegalArgumentException("non-positive request: " + n));
        return;
      }
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      drain();
    });
  }

  @Override
  public void cancel() {
    context.runOnContext(v -> {
      if (!done) {
        finish();
        request.reset();
      }
    });
  }

  private void drain() {
    while (!done && demand > 0 && !queue.isEmpty()) {
      demand--;
      lines.onNext(queue.poll());
    }
    if (done) {
      return;
    }
    if (ended && queue.isEmpty()) {
      finish();
      lines.onComplete();
    } else if (!paused && queue.size() >= HIGH_WATER) {
      paused = true;
      response.pause();
    } else if (paused && queue.size() < HIGH_WATER / 2) {
      paused = false;
      response.resume();
    }
  }

  private void fail(Throwable t) {
    if (!done) {
      finish();
      lines.onError(t);
    }
  }

  private void finish() {
    done = true;
    queue.clear();
    onEnd.run();
  }
}
