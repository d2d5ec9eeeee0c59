package io.logplane.node.internal.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.TestPki;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry's token service on loopback, as Docker Hub's {@code auth.docker.io}: {@code GET
 * /token?service=..&scope=repository:NAME:ACTIONS} with basic credentials answers {@code
 * {"token": JWT}}, an RS256 JWT whose header carries its certificate ({@code x5c}) and whose
 * claims grant the scope's actions, for one user only; other credentials get a 401. The
 * certificate, self-signed, is the registry's {@code rootcertbundle}.
 */
final class TokenService implements AutoCloseable {
  static final String ISSUER = "logplane-test-issuer";
  static final String SERVICE = "logplane-test-registry";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyPair keys;
  private final X509Certificate certificate;
  private final String user;
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  /** How many tokens were given to the user. */
  final AtomicInteger issued = new AtomicInteger();
  final int port;

  TokenService(String user, String password) throws Exception {
    this.keys = TestPki.rsa();
    this.certificate = TestPki.selfSigned(keys, ISSUER);
    this.user = user;
    String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    server = vertx.createHttpServer().requestHandler(req -> {
      String scope = req.getParam("scope", "");
      if (!req.path().equals("/token") || !SERVICE.equals(req.getParam("service"))) {
        req.response().setStatusCode(404).end();
      } else if (!expected.equals(req.getHeader("Authorization"))) {
        req.response().setStatusCode(401).putHeader("Content-Type", "application/json")
            .end("{\"details\":\"incorrect username or password\"}");
      } else {
        issued.incrementAndGet();
        req.response().putHeader("Content-Type", "application/json").end("{\"token\":\"" + token(scope) + "\"}");
      }
    }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  /** The registry's {@code auth:} section, its certificate written to {@code dir}. */
  String registryConfig(Path dir) throws Exception {
    Path bundle = dir.resolve("token-root.pem");
    Files.writeString(bundle, TestPki.pem(certificate));
    return "auth:\n  token:\n    realm: http://127.0.0.1:" + port + "/token\n    service: " + SERVICE
        + "\n    issuer: " + ISSUER + "\n    rootcertbundle: " + bundle + "\n";
  }

  /** A token of the user's for {@code scope} ({@code repository:NAME:pull,push}), for an hour. */
  String token(String scope) {
    try {
      ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
      header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      long now = Instant.now().getEpochSecond();
      ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", user).put("aud", SERVICE)
          .put("exp", now + 3600).put("nbf", now - 10).put("iat", now).put("jti", UUID.randomUUID().toString());
      var access = claims.putArray("access");
      String[] parts = scope.split(":");
      if (parts.length == 3) {
        ObjectNode grant = access.addObject().put("type", parts[0]).put("name", parts[1]);
        List.of(parts[2].split(",")).forEach(grant.putArray("actions")::add);
      }
      String signed = base64Url(JSON.writeValueAsBytes(header)) + "." + base64Url(JSON.writeValueAsBytes(claims));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(keys.getPrivate());
      rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + base64Url(rs256.sign());
    } catch (Exception e) {
      throw new IllegalStateException("the test token could not be signed", e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
