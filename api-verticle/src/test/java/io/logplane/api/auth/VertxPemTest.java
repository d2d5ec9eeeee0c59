package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PEMs load through Vert.x's own options; the server's key manager ({@link
 * Pki#serverKeyManager}) and the client's from those options complete a mutual TLS handshake with
 * hostname verification, run between two in-memory SSLEngines (no socket).
 */
class VertxPemTest {

  static Vertx vertx;
  @TempDir static Path dir;
  static Pki pki;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pki = Pki.loadOrCreate(dir, List.of("api.example"));
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void httpServerOptionsAcceptTheServingPemsAndTheCa() throws Exception {
    HttpServerOptions options = new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(keyCert(pki.serverCertPem(), pki.serverKeyPem()))
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pki.caPem())))
        .setClientAuth(ClientAuth.REQUEST);
    X509KeyManager km = (X509KeyManager) options.getKeyCertOptions().getKeyManagerFactory(vertx).getKeyManagers()[0];
    String alias = km.chooseServerAlias("EC", null, null);
    assertEquals(Pem.parseCertificate(pki.serverCertPem()), km.getCertificateChain(alias)[0]);
    options.getTrustOptions().getTrustManagerFactory(vertx);
  }

  @Test
  void theServersKeyManagerHoldsItsServingCertificateAndKeyForEcOnly() throws Exception {
    X509KeyManager km = pki.serverKeyManager();
    String alias = km.chooseServerAlias("EC", null, null);
    assertEquals(Pem.parseCertificate(pki.serverCertPem()), km.getCertificateChain(alias)[0]);
    assertEquals(1, km.getCertificateChain(alias).length);
    assertEquals(Pem.parsePrivateKey(pki.serverKeyPem()), km.getPrivateKey(alias));
    assertNull(km.chooseServerAlias("RSA", null, null));
  }

  @Test
  void mutualTlsHandshakeAuthenticatesTheAdminCertificate() throws Exception {
    for (String host : List.of("localhost", "127.0.0.1", "api.example")) {
      SSLEngine server = server();
      handshake(client(host, pki.adminCertPem(), pki.adminKeyPem()), server);
      List<java.security.cert.Certificate> peer = List.of(server.getSession().getPeerCertificates());
      Authenticator auth = new Authenticator(Tokens.loadOrCreate(dir), pki.ca());
      assertEquals(Optional.of(new User("admin", List.of("system:masters"))), auth.authenticate(null, peer));
    }
  }

  @Test
  void aHostNotInTheSansFailsVerification() throws Exception {
    SSLEngine client = client("elsewhere.example", pki.adminCertPem(), pki.adminKeyPem());
    assertThrows(SSLHandshakeException.class, () -> handshake(client, server()));
  }

  private static SSLEngine server() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(new KeyManager[] {pki.serverKeyManager()}, caTrust().getTrustManagers(), null);
    SSLEngine e = ctx.createSSLEngine();
    e.setUseClientMode(false);
    e.setNeedClientAuth(true);
    return e;
  }

  private static SSLEngine client(String host, String certPem, String keyPem) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    KeyManagerFactory kmf = keyCert(certPem, keyPem).getKeyManagerFactory(vertx);
    ctx.init(kmf.getKeyManagers(), caTrust().getTrustManagers(), null);
    SSLEngine e = ctx.createSSLEngine(host, 6443);
    e.setUseClientMode(true);
    SSLParameters p = e.getSSLParameters();
    p.setEndpointIdentificationAlgorithm("HTTPS");
    e.setSSLParameters(p);
    return e;
  }

  private static PemKeyCertOptions keyCert(String certPem, String keyPem) {
    return new PemKeyCertOptions().setCertValue(Buffer.buffer(certPem)).setKeyValue(Buffer.buffer(keyPem));
  }

  private static TrustManagerFactory caTrust() throws Exception {
    return new PemTrustOptions().addCertValue(Buffer.buffer(pki.caPem())).getTrustManagerFactory(vertx);
  }

  /** Shuttles TLS records between the two engines until both finish the handshake. */
  private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
    ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    client.beginHandshake();
    server.beginHandshake();
    for (int i = 0; i < 200; i++) {
      if (done(client) && done(server)) {
        return;
      }
      step(client, toClient, toServer);
      step(server, toServer, toClient);
    }
    fail("handshake did not finish: " + client.getHandshakeStatus() + "/" + server.getHandshakeStatus());
  }

  private static boolean done(SSLEngine e) {
    HandshakeStatus s = e.getHandshakeStatus();
    return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
  }

  private static void step(SSLEngine e, ByteBuffer in, ByteBuffer out) throws SSLException {
    switch (e.getHandshakeStatus()) {
      case NEED_WRAP -> e.wrap(ByteBuffer.allocate(0), out);
      case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
        in.flip();
        e.unwrap(in, ByteBuffer.allocate(1 << 17));
        in.compact();
      }
      case NEED_TASK -> {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
          task.run();
        }
      }
      default -> { }
    }
  }
}
