package io.logplane.tests.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.tests.http.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * ConfigMap creates kept in flight against a server that is about to die: each answer sends the
 * next, so {@code width} writes are outstanding whenever the server is killed, however fast it
 * answers; the first failure, or {@link #killing()}, ends the stream. A batch of writes sent at once could all be answered
 * before the kill lands, and then the kill would cut nothing.
 */
final class WriteStream {

  private final IntFunction<CompletableFuture<Response>> create;
  private final AtomicInteger answered = new AtomicInteger();
  private final List<CompletableFuture<Response>> writes = new ArrayList<>();
  private int next;
  private boolean failed;
  private boolean killing;

  private WriteStream(IntFunction<CompletableFuture<Response>> create) {
    this.create = create;
  }

  /** Keeps {@code width} calls of {@code create} (given the write's index) in flight. */
  static WriteStream start(IntFunction<CompletableFuture<Response>> create, int width) {
    WriteStream stream = new WriteStream(create);
    for (int i = 0; i < width; i++) {
      stream.send();
    }
    return stream;
  }

  private void send() {
    CompletableFuture<Response> call;
    synchronized (this) {
      if (killing || failed || next >= 100_000) {
        return;
      }
      call = create.apply(next++);
      writes.add(call);
    }
    call.whenComplete((r, e) -> {
      if (e == null && r.code() == 201) {
        answered.incrementAndGet();
        send();
      } else {
        synchronized (this) {
          failed = true;
        }
      }
    });
  }

  int answered() {
    return answered.get();
  }

  /** Called before the kill: no write is sent from then on, so every write that fails was cut by it. */
  synchronized void killing() {
    killing = true;
  }

  /** How the stream ended once the server is gone: every write answered 201, or failed to be made. */
  record Outcome(Map<String, CrashRestartIT.Acked> acked, int cut) {}

  Outcome outcome() {
    List<CompletableFuture<Response>> all;
    synchronized (this) {
      assertTrue(killing);
      all = List.copyOf(writes);
    }
    Map<String, CrashRestartIT.Acked> acked = new TreeMap<>();
    int cut = 0;
    for (CompletableFuture<Response> call : all) {
      try {
        Response r = call.join();
        assertEquals(201, r.code(), r::text);
        acked.put(r.json().path("metadata").path("name").asText(), CrashRestartIT.acked(r.json()));
      } catch (CompletionException e) {
        assertTrue(e.getCause() instanceof IOException, e.toString());
        cut++;
      }
    }
    return new Outcome(acked, cut);
  }
}
