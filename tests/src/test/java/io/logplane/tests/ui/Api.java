package io.logplane.tests.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The cluster's API as the kubeconfig describes it: its URL, its CA, the admin token. */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();

  /** An answer: status code and body. */
  record Reply(int code, JsonNode body) {}

  final String url;
  final String token;
  final HttpClient http;

  Api(Path kubeconfig) throws Exception {
    JsonNode kc = new ObjectMapper(new YAMLFactory()).readTree(kubeconfig.toFile());
    JsonNode cluster = kc.path("clusters").get(0).path("cluster");
    this.url = cluster.path("server").asText();
    this.token = kc.path("users").get(0).path("user").path("token").asText();
    byte[] ca = Base64.getDecoder().decode(cluster.path("certificate-authority-data").asText());
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(ca)));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
  }

  Reply send(String method, String path, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      // PATCH bodies here are RFC 6902 patches.
      b.header("Content-Type", method.equals("PATCH") ? "application/json-patch+json" : "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
  }

  /** A call that must answer 2xx. */
  JsonNode ok(String method, String path, Object body) throws Exception {
    Reply r = send(method, path, body);
    if (r.code() / 100 != 2) {
      throw new AssertionError(method + " " + path + " answered " + r.code() + ": " + r.body());
    }
    return r.body();
  }

  /** A WebSocket to path offering the given subprotocols, as a browser would open it. */
  WebSocket.Builder webSocket() {
    return http.newWebSocketBuilder();
  }

  String wsUrl(String path) {
    return url.replaceFirst("^https", "wss") + path;
  }
}
