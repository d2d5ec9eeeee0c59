package io.logplane.tests.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A minimal JSON client of the Kubernetes REST API, configured from the kubeconfig Logplane
 * writes: its server URL, its CA (the only one trusted) and the admin bearer token.
 */
final class Kube {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status code and the body parsed as JSON (null when empty). */
  record Response(int status, JsonNode body) {
    String resourceVersion() {
      return body.path("metadata").path("resourceVersion").asText();
    }
  }

  private final URI server;
  private final String token;
  private final SSLContext ssl;
  private final HttpClient http;

  private Kube(URI server, String token, SSLContext ssl) {
    this.server = server;
    this.token = token;
    this.ssl = ssl;
    this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
  }

  static Kube of(Path kubeconfig) throws IOException {
    JsonNode root = new YAMLMapper().readTree(Files.readString(kubeconfig));
    JsonNode cluster = root.path("clusters").get(0).path("cluster");
    String token = root.path("users").get(0).path("user").path("token").asText();
    byte[] ca = Base64.getDecoder().decode(cluster.path("certificate-authority-data").asText());
    return new Kube(URI.create(cluster.path("server").asText()), token, trusting(ca));
  }

  private static SSLContext trusting(byte[] caPem) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(caPem))) {
        trust.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust the kubeconfig's CA", e);
    }
  }

  URI server() {
    return server;
  }

  String token() {
    return token;
  }

  SSLContext ssl() {
    return ssl;
  }

  HttpClient http() {
    return http;
  }

  Response send(String method, String path, JsonNode body) throws Exception {
    return sendAsync(method, path, body).get();
  }

  CompletableFuture<Response> sendAsync(String method, String path, JsonNode body) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(bytes(body));
    HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json")
        .header("Content-Type", "application/json").method(method, publisher).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(r -> new Response(r.statusCode(), parse(r.body())));
  }

  /** A ConfigMap with one data entry. */
  static ObjectNode configMap(String name, String key, String value) {
    ObjectNode cm = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", name);
    cm.putObject("data").put(key, value);
    return cm;
  }

  static ObjectNode namespace(String name) {
    ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", name);
    return ns;
  }

  private static byte[] bytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("response is not JSON: " + new String(body), e);
    }
  }
}
