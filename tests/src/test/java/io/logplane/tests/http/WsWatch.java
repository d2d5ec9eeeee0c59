package io.logplane.tests.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes watch over a WebSocket ({@code java.net.http}): one watch event per text
 * message, collected in arrival order, then a {@code CLOSED} (or {@code ERROR}) event when the
 * server ends it — the last thing a watch delivers, so a test that expects it has seen
 * everything else. The JDK client sends {@code Content-Length: 0} on the handshake, which the
 * server must still upgrade (fabric8's JDK HTTP client does the same).
 */
public final class WsWatch implements WebSocket.Listener, AutoCloseable {

  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private WebSocket ws;

  private WsWatch() {}

  static WsWatch open(WebSocket.Builder builder, URI uri) {
    WsWatch w = new WsWatch();
    try {
      w.ws = builder.buildAsync(uri, w).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("cannot open a WebSocket watch at " + uri, e);
    }
    return w;
  }

  /** The next event, failing the test when none comes within the timeout. */
  public JsonNode next(long seconds) throws InterruptedException {
    JsonNode e = events.poll(seconds, TimeUnit.SECONDS);
    assertNotNull(e, "no watch event within " + seconds + " s");
    return e;
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        events.add(Api.JSON.readTree(partial.toString()));
      } catch (Exception e) {
        events.add(Api.JSON.createObjectNode().put("type", "UNPARSABLE").put("text", partial.toString()));
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    events.add(Api.JSON.createObjectNode().put("type", "CLOSED").put("code", statusCode).put("reason", reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    events.add(Api.JSON.createObjectNode().put("type", "ERROR").put("error", error.toString()));
  }

  @Override
  public void close() {
    ws.abort();
  }
}
