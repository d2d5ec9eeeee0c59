package io.logplane.tests.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Chrome DevTools protocol client over the page target's WebSocket: enough to
 * evaluate expressions in the page (Runtime.evaluate) while it runs.
 */
final class DevTools implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebSocket socket;
  private final Runnable onClose;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private DevTools(WebSocket socket, Runnable onClose) {
    this.socket = socket;
    this.onClose = onClose;
  }

  static DevTools attach(int port, Process browser, Runnable stop) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String wsUrl = null;
    for (int attempt = 0; attempt < 100 && wsUrl == null; attempt++) {
      String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      for (JsonNode t : JSON.readTree(body)) {
        if (t.path("type").asText().equals("page")) {
          wsUrl = t.path("webSocketDebuggerUrl").asText();
        }
      }
      if (wsUrl == null) {
        browser.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }
    if (wsUrl == null) {
      stop.run();
      throw new IllegalStateException("no page target on DevTools port " + port);
    }
    DevTools[] self = new DevTools[1];
    StringBuilder partial = new StringBuilder();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
      @Override
      public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          self[0].receive(partial.toString());
          partial.setLength(0);
        }
        w.request(1);
        return null;
      }
    }).get(10, TimeUnit.SECONDS);
    self[0] = new DevTools(ws, stop);
    return self[0];
  }

  private void receive(String text) {
    try {
      JsonNode m = JSON.readTree(text);
      if (m.has("id")) {
        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
        if (f != null) {
          f.complete(m);
        }
      }
    } catch (Exception e) {
      pending.values().forEach(f -> f.completeExceptionally(e));
    }
  }

  /** The value of a JavaScript expression in the page (JSON-compatible values only). */
  JsonNode evaluate(String expression) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode call = JSON.createObjectNode().put("id", id).put("method", "Runtime.evaluate");
    call.putObject("params").put("expression", expression).put("returnByValue", true);
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(call), true).get(10, TimeUnit.SECONDS);
    JsonNode r = reply.get(10, TimeUnit.SECONDS);
    if (r.has("error") || r.path("result").has("exceptionDetails")) {
      throw new IllegalStateException("evaluation of " + expression + " failed: " + r);
    }
    return r.path("result").path("result").path("value");
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      socket.abort();
    }
    onClose.run();
  }
}
