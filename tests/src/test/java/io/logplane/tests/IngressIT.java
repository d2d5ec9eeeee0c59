package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.launcher.Cluster;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in Ingress controller against real backends: HTTP servers on loopback addresses
 * stand for pods (EndpointSlices of Services without selector point at them), requests go
 * through the proxy by host and path over HTTP/1.1, HTTP/2 (TLS and h2c) and WebSocket, the
 * certificate is chosen by SNI, and the real kubectl shows the status and the Events.
 */
class IngressIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;
  static TestBackends backends;
  static Vertx vertx;
  static HttpClient client;
  static TestCertificate cert;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.withIngress(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    backends = new TestBackends();
    service("svc-a", backends.start("a", "127.0.0.1"), "127.0.0.1");
    service("svc-b", backends.start("b", "127.0.0.2"), "127.0.0.2");
    apply("""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-empty"},
         "spec":{"ports":[{"name":"http","port":80}]}}""");
    apply("""
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"web"},"spec":{"rules":[
          {"host":"a.example.com","http":{"paths":[
            {"path":"/","pathType":"Prefix","backend":{"service":{"name":"svc-a","port":{"number":80}}}},
            {"path":"/b","pathType":"Prefix","backend":{"service":{"name":"svc-b","port":{"name":"http"}}}},
            {"path":"/b/exact","pathType":"Exact","backend":{"service":{"name":"svc-a","port":{"number":80}}}},
            {"path":"/empty","pathType":"ImplementationSpecific",
             "backend":{"service":{"name":"svc-empty","port":{"number":80}}}}]}},
          {"host":"*.wild.example.com","http":{"paths":[
            {"path":"/","pathType":"Prefix","backend":{"service":{"name":"svc-b","port":{"number":80}}}}]}},
          {"http":{"paths":[
            {"path":"/ws","pathType":"Prefix","backend":{"service":{"name":"svc-a","port":{"number":80}}}},
            {"path":"/secure","pathType":"Prefix","backend":{"service":{"name":"svc-b","port":{"number":80}}}}]}}]}}""");
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
    cert = TestCertificate.of("secure.example.com");
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (backends != null) {
      backends.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void requestsGoByHostAndPathToTheServicesEndpoints() throws Exception {
    assertTrue(get("a.example.com", "/x?q=1").startsWith("200 a GET /x?q=1 host=a.example.com"), get("a.example.com", "/"));
    assertTrue(get("a.example.com", "/b").startsWith("200 b GET /b "));
    assertTrue(get("a.example.com", "/b/c").startsWith("200 b "));
    assertTrue(get("a.example.com", "/bc").startsWith("200 a "), "a prefix matches whole path elements");
    assertTrue(get("a.example.com", "/b/exact").startsWith("200 a "), "the longest match wins");
    assertTrue(get("A.EXAMPLE.COM:80", "/b/exact/more").startsWith("200 b "));
    assertTrue(get("x.wild.example.com", "/").startsWith("200 b "));
    String headers = get("a.example.com", "/h");
    assertTrue(headers.contains("xff=127.0.0.1") && headers.contains("proto=http"), headers);
    assertEquals("200 a POST /post host=a.example.com:" + cluster.ingressPort()
        + " xff=127.0.0.1 proto=http body=payload", send("POST", "a.example.com", "/post", "payload"));
  }

  @Test
  void aServiceWithoutReadyEndpointsIs503AndNothingMatchingIs404UnlessADefaultBackend() throws Exception {
    assertTrue(get("a.example.com", "/empty").startsWith("503 "), get("a.example.com", "/empty"));
    assertEquals("404 default backend - 404", get("nothing.example.com", "/"));
    assertTrue(get("y.x.wild.example.com", "/").startsWith("404 "), "a wildcard matches one label");
    apply("""
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"fallback"},
         "spec":{"defaultBackend":{"service":{"name":"svc-b","port":{"number":80}}}}}""");
    assertTrue(get("nothing.example.com", "/").startsWith("200 b "));
    kubectl.ok("delete", "ingress", "fallback");
    assertEquals("404 default backend - 404", get("nothing.example.com", "/"));
  }

  @Test
  void aChangedIngressServesAtOnce() throws Exception {
    apply("""
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"moving"},"spec":{"rules":[
          {"host":"moving.example.com","http":{"paths":[
            {"path":"/","pathType":"Prefix","backend":{"service":{"name":"svc-a","port":{"number":80}}}}]}}]}}""");
    assertTrue(get("moving.example.com", "/").startsWith("200 a "));
    kubectl.ok("patch", "ingress", "moving", "--type=json", "-p",
        "[{\"op\":\"replace\",\"path\":\"/spec/rules/0/http/paths/0/backend/service/name\",\"value\":\"svc-b\"}]");
    await().atMost(Duration.ofSeconds(30)).until(() -> get("moving.example.com", "/").startsWith("200 b "));
  }

  @Test
  void theStatusShowsTheAddressServed() {
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.ok("get", "ingress", "web").out().contains("127.0.0.1"));
    String out = kubectl.ok("get", "ingress", "web").out();
    assertTrue(out.contains("ADDRESS") && out.contains("127.0.0.1"), out);
    assertEquals("logplane", kubectl.ok("get", "ingress", "web", "-o", "jsonpath={.spec.ingressClassName}").out(),
        "an Ingress naming no class gets the default one");
    assertTrue(kubectl.ok("get", "ingressclass", "logplane", "-o",
        "jsonpath={.spec.controller} {.metadata.annotations}").out().contains("logplane.io/ingress-controller"));
  }

  @Test
  void tlsServesTheSecretsCertificateBySniAndHttp2() throws Exception {
    Path crt = Files.writeString(dir.resolve("tls.crt"), cert.certPem());
    Path key = Files.writeString(dir.resolve("tls.key"), cert.keyPem());
    kubectl.ok("create", "secret", "tls", "secure-tls", "--cert=" + crt, "--key=" + key);
    apply("""
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"secure"},"spec":{
          "tls":[{"hosts":["secure.example.com"],"secretName":"secure-tls"}],
          "rules":[{"host":"secure.example.com","http":{"paths":[
            {"path":"/","pathType":"Prefix","backend":{"service":{"name":"svc-a","port":{"number":80}}}}]}}]}}""");
    assertEquals("CN=secure.example.com", peerSubject("secure.example.com"));
    assertTrue(peerSubject("other.example.com").contains("Fake Certificate"), peerSubject("other.example.com"));

    // To 127.0.0.1 (no name to resolve) with the server name sent by SNI; parameters from the
    // context's defaults, as fresh ones would keep the client from offering h2 by ALPN.
    SSLContext trusting = cert.trustingOnlyThis();
    SSLParameters sni = trusting.getDefaultSSLParameters();
    sni.setServerNames(List.of(new SNIHostName("secure.example.com")));
    java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(trusting)
        .sslParameters(sni).version(java.net.http.HttpClient.Version.HTTP_2).build();
    HttpResponse<String> r = https.send(HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + cluster.ingressTlsPort() + "/secure/x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals(java.net.http.HttpClient.Version.HTTP_2, r.version());
    assertTrue(r.body().startsWith("b GET /secure/x ") && r.body().contains("proto=https"), r.body());
  }

  @Test
  void h2cOnThePlainPort() throws Exception {
    java.net.http.HttpClient h2c = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_2).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.ingressPort() + "/secure/h2c"))
        .build();
    h2c.send(req, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> r = h2c.send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(java.net.http.HttpClient.Version.HTTP_2, r.version());
    assertTrue(r.body().startsWith("b GET /secure/h2c "), r.body());
    // A body of no announced length: streamed on as chunks.
    HttpResponse<String> post = h2c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.ingressPort()
        + "/secure/post")).POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString("streamed")))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(java.net.http.HttpClient.Version.HTTP_2, post.version());
    assertTrue(post.body().startsWith("b POST /secure/post ") && post.body().endsWith(" body=streamed"), post.body());
  }

  @Test
  void aWebSocketIsProxied() throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + cluster.ingressPort() + "/ws"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            reply.complete(data.toString());
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
    assertEquals("a:hello", reply.get(10, TimeUnit.SECONDS));
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
  }

  @Test
  void aMissingServiceOrSecretIsAnEventAndTheOthersKeepWorking() throws Exception {
    apply("""
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"broken"},"spec":{
          "tls":[{"hosts":["broken.example.com"],"secretName":"no-such-secret"}],
          "rules":[{"host":"broken.example.com","http":{"paths":[
            {"path":"/","pathType":"Prefix","backend":{"service":{"name":"no-such-svc","port":{"number":80}}}}]}}]}}""");
    assertTrue(get("broken.example.com", "/").startsWith("503 "));
    assertTrue(peerSubject("broken.example.com").contains("Fake Certificate"));
    assertTrue(get("a.example.com", "/").startsWith("200 a "));
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.ok("get", "events",
        "--field-selector=involvedObject.name=broken,type=Warning", "-o", "jsonpath={.items[*].reason}").out(),
        out -> out.contains("ServiceNotFound") && out.contains("SecretNotFound"));
  }

  private static void service(String name, int port, String ip) {
    apply("""
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},
         "spec":{"ports":[{"name":"http","port":80,"targetPort":%d}]}}""".formatted(name, port));
    apply("""
        {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"%s-1",
          "labels":{"kubernetes.io/service-name":"%s"}},"addressType":"IPv4",
         "ports":[{"name":"http","port":%d,"protocol":"TCP"}],
         "endpoints":[{"addresses":["%s"],"conditions":{"ready":true}}]}""".formatted(name, name, port, ip));
  }

  private static void apply(String json) {
    Kubectl.Result r = kubectl.run(json.getBytes(StandardCharsets.UTF_8), "apply", "-f", "-");
    assertEquals(0, r.exit(), r.all());
  }

  private static String get(String host, String uri) throws Exception {
    return send("GET", host, uri, null);
  }

  /** One request through the proxy's HTTP port with that Host: {@code "<status> <body>"}. */
  private static String send(String method, String host, String uri, String body) throws Exception {
    int port = cluster.ingressPort();
    RequestOptions o = new RequestOptions().setMethod(io.vertx.core.http.HttpMethod.valueOf(method))
        .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1")).setURI(uri);
    int colon = host.indexOf(':');
    o.setHost(colon < 0 ? host : host.substring(0, colon)).setPort(colon < 0 ? port : Integer.parseInt(host.substring(colon + 1)));
    return client.request(o).compose(req -> (body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> resp.statusCode() + " " + b))).await(10, TimeUnit.SECONDS);
  }

  /** The subject of the certificate the HTTPS port presents for this server name (trusting any). */
  private static String peerSubject(String serverName) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", cluster.ingressTlsPort())) {
      SSLParameters p = s.getSSLParameters();
      p.setServerNames(List.of(new SNIHostName(serverName)));
      s.setSSLParameters(p);
      s.startHandshake();
      return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }
  }
}
