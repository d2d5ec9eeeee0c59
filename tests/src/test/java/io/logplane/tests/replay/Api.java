package io.logplane.tests.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.kubeclient.Tls;
import io.logplane.projections.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Raw HTTPS to an API server, trusting and authenticating as a kubeconfig says. */
final class Api {

  /** A response: status code and body parsed as a JSON object. */
  record Reply(int code, ObjectNode body) {}

  private final KubeConfig config;
  private final HttpClient http;

  Api(Path kubeconfig) {
    this.config = KubeConfig.load(kubeconfig, null);
    this.http = HttpClient.newBuilder().sslContext(Tls.sslContext(config)).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  Reply get(String path) throws Exception {
    return send("GET", path, null);
  }

  Reply send(String method, String path, ObjectNode body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.server() + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", config.authorization())
        .header("Accept", "application/json").header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    byte[] bytes = r.body();
    ObjectNode parsed = bytes.length > 0 && bytes[0] == '{' ? Json.object(bytes) : Json.MAPPER.createObjectNode();
    return new Reply(r.statusCode(), parsed);
  }

  /** The first {@code count} text messages of a WebSocket at path (fewer when none comes for 10 s). */
  java.util.List<String> webSocketMessages(String path, int count) throws Exception {
    java.util.concurrent.BlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
    StringBuilder partial = new StringBuilder();
    URI uri = URI.create(String.valueOf(config.server()).replaceFirst("^https", "wss") + path);
    java.net.http.WebSocket ws = http.newWebSocketBuilder().header("Authorization", config.authorization())
        .buildAsync(uri, new java.net.http.WebSocket.Listener() {
          @Override
          public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data,
              boolean last) {
            partial.append(data);
            if (last) {
              messages.add(partial.toString());
              partial.setLength(0);
            }
            w.request(1);
            return null;
          }
        }).get(30, java.util.concurrent.TimeUnit.SECONDS);
    java.util.List<String> out = new java.util.ArrayList<>();
    try {
      while (out.size() < count) {
        String m = messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        if (m == null) {
          break;
        }
        out.add(m);
      }
    } finally {
      ws.abort();
    }
    return out;
  }

  /** The text of a response, for streams (a watch) that end by themselves. */
  String text(String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(config.server() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", config.authorization()).header("Accept", "application/json").build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    return r.statusCode() + " " + r.body();
  }
}
