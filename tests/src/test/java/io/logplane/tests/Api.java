package io.logplane.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.kubeclient.Pem;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import io.logplane.kubeclient.Tls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Raw HTTPS requests to the API server as one kubeconfig user: trust from the cluster CA,
 * identity from the bearer token or the client certificate.
 */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: its code, headers and body. */
  record Response(int code, java.net.http.HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + code + "): " + text(), e);
      }
    }
  }

  private final KubeConfig config;
  private final HttpClient http;

  Api(KubeConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().sslContext(sslContext(config))
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * Trust from the CA; the client certificate, when there is one, is sent whatever issuers the
   * server advertises (as Go clients do), so that the server's own verdict on it is tested.
   */
  private static SSLContext sslContext(KubeConfig config) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (X509Certificate ca : Pem.certificates(config.caPem())) {
        trust.setCertificateEntry("ca" + i++, ca);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      X509KeyManager key = Tls.keyManager(config);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(key == null ? null : new KeyManager[] {new AlwaysPresent(key)}, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Presents the one client certificate unconditionally. */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final X509KeyManager delegate;
    private final String alias;

    AlwaysPresent(X509KeyManager delegate) {
      this.delegate = delegate;
      this.alias = delegate.getClientAliases("EC", null) != null ? delegate.getClientAliases("EC", null)[0]
          : delegate.getClientAliases("RSA", null)[0];
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {alias};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return alias;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String name) {
      return delegate.getCertificateChain(name);
    }

    @Override
    public PrivateKey getPrivateKey(String name) {
      return delegate.getPrivateKey(name);
    }
  }

  /** The same server and trust, another identity (null token: none). */
  Api as(String authorization, byte[] certPem, byte[] keyPem) {
    return new Api(new KubeConfig(config.server(), config.caPem(), false, authorization, certPem, keyPem));
  }

  Response send(String method, String path, String contentType, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.server() + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    b.header("Accept", "application/json");
    if (config.authorization() != null) {
      b.header("Authorization", config.authorization());
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  Response get(String path) {
    return send("GET", path, null, (byte[]) null);
  }

  Response send(String method, String path, String contentType, String body) {
    return send(method, path, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs a JSON object and requires 201; the created object. */
  ObjectNode create(String collectionPath, String json) {
    Response r = send("POST", collectionPath, "application/json", json);
    if (r.code() != 201) {
      throw new AssertionError("create at " + collectionPath + " answered " + r.code() + ": " + r.text());
    }
    return (ObjectNode) r.json();
  }
}
