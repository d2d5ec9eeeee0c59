package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {

  private static final Optional<User> ADMIN = Optional.of(new User("admin", List.of("system:masters")));
  private static final User NODE = new User("system:node:n1", List.of("system:nodes"));

  @TempDir Path dir;
  Pki pki;
  Tokens tokens;
  Authenticator auth;

  @BeforeEach
  void setUp() {
    pki = Pki.loadOrCreate(dir, List.of());
    tokens = Tokens.loadOrCreate(dir);
    auth = new Authenticator(tokens, pki.ca());
  }

  @Test
  void bearerTokensAsKubeParsesThem() {
    String t = tokens.adminToken();
    assertEquals(ADMIN, auth.authenticate("Bearer " + t, null));
    assertEquals(ADMIN, auth.authenticate("bearer " + t, List.of()));
    assertEquals(Optional.empty(), auth.authenticate("Bearer", null));
    assertEquals(Optional.empty(), auth.authenticate("Bearer  " + t, null));
    assertEquals(ADMIN, auth.authenticate("Bearer " + t + " trailing", null));
    assertEquals(Optional.empty(), auth.authenticate("Basic " + t, null));
    assertEquals(Optional.empty(), auth.authenticate("Bearer wrong", null));
    assertEquals(Optional.empty(), auth.authenticate(null, null));
  }

  @Test
  void aClientCertificateFromTheCaYieldsItsCnAndOrganizations() throws Exception {
    assertEquals(Optional.of(NODE), auth.authenticate(null, chain(pki.issueClient(NODE.name(), NODE.groups()))));
    assertEquals(ADMIN, auth.authenticate(null, List.of(Pem.parseCertificate(pki.adminCertPem()))));
    // A client may send the CA along; it is the anchor, not part of the path.
    assertEquals(ADMIN, auth.authenticate(null,
        List.of(Pem.parseCertificate(pki.adminCertPem()), pki.ca())));
  }

  @Test
  void anyMethodThatSucceedsWins() throws Exception {
    assertEquals(Optional.of(NODE),
        auth.authenticate("Bearer wrong", chain(pki.issueClient(NODE.name(), NODE.groups()))));
    assertEquals(ADMIN, auth.authenticate("Bearer " + tokens.adminToken(),
        chain(pki.issueClient(NODE.name(), NODE.groups()))));
  }

  @Test
  void certificatesThatMustNotAuthenticate() throws Exception {
    Pki foreign = Pki.loadOrCreate(dir.resolve("foreign"), List.of());
    assertEquals(Optional.empty(), auth.authenticate(null, List.of(Pem.parseCertificate(foreign.adminCertPem()))));
    // The serving certificate is signed by the CA but allowed for serverAuth only.
    assertEquals(Optional.empty(), auth.authenticate(null, List.of(Pem.parseCertificate(pki.serverCertPem()))));
    // The CA alone is not a client.
    assertEquals(Optional.empty(), auth.authenticate(null, List.of(pki.ca())));

    List<Certificate> node = chain(pki.issueClient(NODE.name(), NODE.groups()));
    Instant expired = Instant.now().plus(CertIssuer.LEAF_VALIDITY).plus(Duration.ofDays(1));
    Authenticator later = new Authenticator(tokens, pki.ca(), Clock.fixed(expired, ZoneOffset.UTC));
    assertEquals(Optional.empty(), later.authenticate(null, node));
    Instant early = Instant.now().minus(Duration.ofDays(1));
    Authenticator before = new Authenticator(tokens, pki.ca(), Clock.fixed(early, ZoneOffset.UTC));
    assertEquals(Optional.empty(), before.authenticate(null, node));
  }

  private static List<Certificate> chain(ClientCert c) throws Exception {
    return List.of(Pem.parseCertificate(c.certPem()));
  }
}
