package io.logplane.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {

  @TempDir Path dir;

  @Test
  void generatesOnceThenReloadsTheSameFiles() throws Exception {
    Pki first = Pki.loadOrCreate(dir, List.of());
    Pki second = Pki.loadOrCreate(dir, List.of());
    assertEquals(first.caPem(), second.caPem());
    assertEquals(first.ca(), second.ca());
    assertEquals(first.serverCertPem(), second.serverCertPem());
    assertEquals(first.serverKeyPem(), second.serverKeyPem());
    assertEquals(first.adminCertPem(), second.adminCertPem());
    assertEquals("CN=logplane-ca", first.ca().getSubjectX500Principal().getName());
    assertEquals(first.ca().getSubjectX500Principal(), first.ca().getIssuerX500Principal());
    assertTrue(first.ca().getBasicConstraints() >= 0, "CA flag set");
    assertTrue(first.serverKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));

    Path pki = dir.resolve("pki");
    assertEquals("rwx------", perms(pki));
    for (String key : List.of("ca.key", "server.key", "admin.key")) {
      assertEquals("rw-------", perms(pki.resolve(key)), key);
    }
    assertEquals("rw-r--r--", perms(pki.resolve("ca.crt")));
    assertEquals(first.caPem(), Files.readString(pki.resolve("ca.crt")));
  }

  @Test
  void servingCertificateIsSignedByTheCaAndHoldsTheSans() throws Exception {
    Pki pki = Pki.loadOrCreate(dir, List.of("node-1.example.com", "10.1.2.3", "fd00::7"));
    X509Certificate server = Pem.parseCertificate(pki.serverCertPem());
    server.verify(pki.ca().getPublicKey());
    Set<String> sans = SubjectAltNames.of(server);
    for (String want : List.of("DNS:localhost", "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1", "DNS:logplane",
        "DNS:kubernetes.default.svc", "DNS:node-1.example.com", "IP:10.1.2.3", "IP:fd00:0:0:0:0:0:0:7")) {
      assertTrue(sans.contains(want), want + " in " + sans);
    }
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
    assertEquals(-1, server.getBasicConstraints());
    assertEquals(pki.ca().getSubjectX500Principal(), server.getIssuerX500Principal());
    assertTrue(CertIssuer.keyMatches(server, Pem.parsePrivateKey(pki.serverKeyPem())));
  }

  @Test
  void changedSansReissueTheServingCertificateButKeepTheCa() {
    Pki before = Pki.loadOrCreate(dir, List.of("a.example"));
    Pki same = Pki.loadOrCreate(dir, List.of("A.example"));
    Pki after = Pki.loadOrCreate(dir, List.of("b.example"));
    assertEquals(before.serverCertPem(), same.serverCertPem(), "DNS names compare case-insensitively");
    assertNotEquals(before.serverCertPem(), after.serverCertPem());
    assertEquals(before.caPem(), after.caPem());
    assertEquals(before.adminCertPem(), after.adminCertPem());
  }

  @Test
  void leafCertificatesAreRenewedShortlyBeforeExpiry() {
    Pki now = Pki.loadOrCreate(dir, List.of());
    Instant later = Instant.now().plus(CertIssuer.LEAF_VALIDITY).minus(Duration.ofDays(10));
    Pki renewed = Pki.loadOrCreate(dir, List.of(), Clock.fixed(later, ZoneOffset.UTC));
    assertEquals(now.caPem(), renewed.caPem());
    assertNotEquals(now.serverCertPem(), renewed.serverCertPem());
    assertNotEquals(now.adminCertPem(), renewed.adminCertPem());
  }

  @Test
  void adminAndIssuedClientCertificatesCarryUserAndGroups() throws Exception {
    Pki pki = Pki.loadOrCreate(dir, List.of());
    X509Certificate admin = Pem.parseCertificate(pki.adminCertPem());
    admin.verify(pki.ca().getPublicKey());
    assertEquals(Optional.of(new User("admin", List.of("system:masters"))), Authenticator.userOf(admin));
    assertEquals(List.of("1.3.6.1.5.5.7.3.2"), admin.getExtendedKeyUsage());

    ClientCert node = pki.issueClient("system:node:n1", List.of("system:nodes", "team, with comma"));
    X509Certificate cert = Pem.parseCertificate(node.certPem());
    cert.verify(pki.ca().getPublicKey());
    assertEquals(Optional.of(new User("system:node:n1", List.of("system:nodes", "team, with comma"))),
        Authenticator.userOf(cert));
    assertTrue(CertIssuer.keyMatches(cert, Pem.parsePrivateKey(node.keyPem())));
  }

  @Test
  void badInputsFailLoudly() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> Pki.loadOrCreate(dir, List.of("not a name")));
    Pki.loadOrCreate(dir, List.of());
    Files.writeString(dir.resolve("pki/server.crt"), "garbage");
    assertThrows(IllegalStateException.class, () -> Pki.loadOrCreate(dir, List.of()));
    Files.delete(dir.resolve("pki/ca.key"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Pki.loadOrCreate(dir, List.of()));
    assertTrue(e.getMessage().contains("half a CA"), e.getMessage());
  }

  @Test
  void aServingCertificateFromAnotherCaIsReplaced() throws Exception {
    Path other = dir.resolve("other");
    Pki foreign = Pki.loadOrCreate(other, List.of());
    Pki.loadOrCreate(dir, List.of());
    Files.writeString(dir.resolve("pki/server.crt"), foreign.serverCertPem());
    Files.writeString(dir.resolve("pki/server.key"), foreign.serverKeyPem());
    Pki fixed = Pki.loadOrCreate(dir, List.of());
    Pem.parseCertificate(fixed.serverCertPem()).verify(fixed.ca().getPublicKey());
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
