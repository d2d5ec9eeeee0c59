package io.logplane.tests.history;

import io.logplane.kubeclient.KubeConfig;
import io.logplane.kubeclient.Tls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A raw HTTPS client of the API as one kubeconfig user: no client library in between. */
final class Https {

  /** An answer. */
  record Response(int status, String contentType, String body) {}

  private final HttpClient client;
  private final KubeConfig config;

  Https(Path kubeconfig) {
    this.config = KubeConfig.load(kubeconfig, null);
    this.client = HttpClient.newBuilder().sslContext(Tls.sslContext(config)).build();
  }

  Response get(String path) throws Exception {
    return send("GET", path, null, "application/json");
  }

  Response send(String method, String path, String json, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.server() + path))
        .timeout(Duration.ofSeconds(30)).header("Accept", accept)
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (config.authorization() != null) {
      b.header("Authorization", config.authorization());
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }
}
