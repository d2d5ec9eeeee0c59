package io.logplane.tests.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Raw HTTPS requests to the API server as one kubeconfig user: trust from the cluster CA,
 * identity from the bearer token or the client certificate. Requests accept JSON unless told
 * otherwise; a failure to connect or a timeout is an {@link UncheckedIOException}.
 */
public final class Api {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final String APPLICATION_JSON = "application/json";

  /**
   * Longer than the server's own deadline (kube's 60 s {@code --request-timeout}), so that a
   * request the server cannot serve in time shows the server's 504 Status, not a client timeout.
   */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(75);

  private final KubeConfig config;
  private final HttpClient http;

  private Api(KubeConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().sslContext(ClientTls.of(config)).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** As the current context of the kubeconfig file. */
  public static Api of(Path kubeconfig) {
    return new Api(KubeConfig.load(kubeconfig, null));
  }

  /** The same server and trust, another identity (null authorization: no header). */
  public Api as(String authorization, byte[] certPem, byte[] keyPem) {
    return new Api(new KubeConfig(config.server(), config.caPem(), false, authorization, certPem, keyPem));
  }

  public URI server() {
    return config.server();
  }

  /** The bearer token of this user, or null. */
  public String token() {
    String a = config.authorization();
    return a != null && a.startsWith("Bearer ") ? a.substring("Bearer ".length()) : null;
  }

  public Response get(String path) {
    return get(path, APPLICATION_JSON);
  }

  public Response get(String path, String accept) {
    return join(call("GET", path, null, accept, null), "GET", path);
  }

  public Response send(String method, String path, String contentType, byte[] body) {
    return join(call(method, path, contentType, APPLICATION_JSON, body), method, path);
  }

  public Response send(String method, String path, String contentType, String body) {
    return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON body (or none, when null). */
  public Response send(String method, String path, JsonNode body) {
    return join(sendAsync(method, path, body), method, path);
  }

  /** A JSON body (or none); fails as the request does, with an IOException when it could not be made. */
  public CompletableFuture<Response> sendAsync(String method, String path, JsonNode body) {
    try {
      byte[] bytes = body == null ? null : JSON.writeValueAsBytes(body);
      return call(method, path, APPLICATION_JSON, APPLICATION_JSON, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs a JSON object and requires 201; the created object. */
  public ObjectNode create(String collectionPath, String json) {
    Response r = send("POST", collectionPath, APPLICATION_JSON, json);
    if (r.code() != 201) {
      throw new AssertionError("create at " + collectionPath + " answered " + r.code() + ": " + r.text());
    }
    return (ObjectNode) r.json();
  }

  /**
   * A GET (or other bodiless request) of a path and query sent exactly as written, malformed
   * escapes and all, over HTTP/1.1.
   */
  public Response raw(String method, String pathAndQuery) {
    return RawRequest.send(ClientTls.of(config), config.server(), config.authorization(), method, pathAndQuery);
  }

  /** A raw HTTP/1.1 connection as this user, for requests no client library would send. */
  public RawConnection connect() {
    return new RawConnection(ClientTls.of(config), config.server(), config.authorization());
  }

  /** A WebSocket to the server, to be built with the caller's headers or subprotocols. */
  public WebSocket.Builder webSocket() {
    return http.newWebSocketBuilder();
  }

  /** The wss:// URI of a path. */
  public URI wsUri(String path) {
    return URI.create(config.server().toString().replaceFirst("^https", "wss") + path);
  }

  /** Opens a watch over a WebSocket at path (with its query), authenticated as this user. */
  public WsWatch watch(String path) {
    WebSocket.Builder b = webSocket();
    if (config.authorization() != null) {
      b.header("Authorization", config.authorization());
    }
    return WsWatch.open(b, wsUri(path));
  }

  private CompletableFuture<Response> call(String method, String path, String contentType, String accept,
      byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.server() + path))
        .timeout(CLIENT_TIMEOUT).header("Accept", accept).method(method,
            body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (config.authorization() != null) {
      b.header("Authorization", config.authorization());
    }
    return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
  }

  private static Response join(CompletableFuture<Response> call, String method, String path) {
    try {
      return call.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new UncheckedIOException(method + " " + path + " failed: " + e.getCause(),
          e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
