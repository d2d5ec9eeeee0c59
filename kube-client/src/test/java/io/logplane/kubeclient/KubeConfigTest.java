package io.logplane.kubeclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeConfigTest {
  private static final String TOKEN_CONFIG = """
      apiVersion: v1
      kind: Config
      current-context: dev
      clusters:
      - name: other
        cluster:
          server: https://other:6443
      - name: local
        cluster:
          server: https://127.0.0.1:6443/
          insecure-skip-tls-verify: true
      contexts:
      - name: dev
        context:
          cluster: local
          user: admin
      - name: prod
        context:
          cluster: other
          user: basic
      users:
      - name: admin
        user:
          token: abc.def
      - name: basic
        user:
          username: alice
          password: s3cret
      """;

  @Test
  void tokenUserOfTheCurrentContext() {
    KubeConfig c = KubeConfig.parse(TOKEN_CONFIG, null, null);
    assertEquals(URI.create("https://127.0.0.1:6443"), c.server());
    assertTrue(c.insecure());
    assertEquals("Bearer abc.def", c.authorization());
    assertNull(c.caPem());
    assertNull(c.clientCertPem());
    assertNotNull(Tls.sslContext(c));
  }

  @Test
  void namedContextWithBasicAuth() {
    KubeConfig c = KubeConfig.parse(TOKEN_CONFIG, null, "prod");
    assertEquals(URI.create("https://other:6443"), c.server());
    assertFalse(c.insecure());
    String basic = Base64.getEncoder().encodeToString(
        "alice:s3cret".getBytes(StandardCharsets.UTF_8));
    assertEquals("Basic " + basic, c.authorization());
  }

  @Test
  void unknownContextIsNamedInTheError() {
    KubeConfigException e = assertThrows(KubeConfigException.class,
        () -> KubeConfig.parse(TOKEN_CONFIG, null, "staging"));
    assertTrue(e.getMessage().contains("staging"), e.getMessage());
  }

  @Test
  void execPluginsAreRefusedLoudly() {
    String yaml = """
        current-context: x
        clusters: [{name: c, cluster: {server: "https://h"}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        users: [{name: u, user: {exec: {command: aws}}}]
        """;
    KubeConfigException e = assertThrows(KubeConfigException.class,
        () -> KubeConfig.parse(yaml, null, null));
    assertTrue(e.getMessage().contains("exec"), e.getMessage());
  }

  @Test
  void tokenFileAndCaFileAreRelativeToTheKubeconfig(@TempDir Path dir) throws Exception {
    var keys = TestPki.rsa();
    String ca = TestPki.pem(TestPki.selfSigned(keys, "ca"));
    Files.writeString(dir.resolve("token"), "from-file\n");
    Files.writeString(dir.resolve("ca.crt"), ca);
    Path file = dir.resolve("config");
    Files.writeString(file, """
        current-context: x
        clusters: [{name: c, cluster: {server: "https://h:1", certificate-authority: ca.crt}}]
        contexts: [{name: x, context: {cluster: c, user: u}}]
        users: [{name: u, user: {tokenFile: token}}]
        """);
    KubeConfig c = KubeConfig.load(file, null);
    assertEquals("Bearer from-file", c.authorization());
    assertArrayEquals(ca.getBytes(StandardCharsets.US_ASCII), c.caPem());
    assertNotNull(Tls.sslContext(c));
  }

  @Test
  void rsaPkcs1ClientCertificate() throws Exception {
    var keys = TestPki.rsa();
    assertClientIdentity(keys, TestPki.pem(keys.getPrivate()), "RSA PRIVATE KEY");
  }

  @Test
  void ecSec1ClientCertificate() throws Exception {
    var keys = TestPki.ec();
    assertClientIdentity(keys, TestPki.sec1(keys), "EC PRIVATE KEY");
  }

  @Test
  void ecSec1KeyAfterEcParameters() throws Exception {
    var keys = TestPki.ec();
    // openssl ecparam -genkey writes the curve first.
    String params =
        "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
    assertClientIdentity(keys, params + TestPki.sec1(keys), "EC PRIVATE KEY");
  }

  @Test
  void pkcs8ClientKeys() throws Exception {
    var rsa = TestPki.rsa();
    assertClientIdentity(rsa, TestPki.pkcs8(rsa), "BEGIN PRIVATE KEY");
    var ec = TestPki.ec();
    assertClientIdentity(ec, TestPki.pkcs8(ec), "BEGIN PRIVATE KEY");
  }

  @Test
  void certificateWithoutKeyIsRefused() throws Exception {
    var keys = TestPki.ec();
    String yaml = clientCertConfig(TestPki.pem(TestPki.selfSigned(keys, "u")), null);
    KubeConfig c = KubeConfig.parse(yaml, null, null);
    assertThrows(KubeConfigException.class, () -> Tls.sslContext(c));
  }

  @Test
  void garbageKeyIsRefused() {
    assertThrows(KubeConfigException.class,
        () -> Pem.privateKey("not a pem".getBytes(StandardCharsets.US_ASCII)));
  }

  private static void assertClientIdentity(java.security.KeyPair keys, String keyPem,
      String marker) throws Exception {
    assertTrue(keyPem.contains(marker), keyPem);
    var cert = TestPki.selfSigned(keys, "system:admin");
    var ca = TestPki.selfSigned(TestPki.ec(), "cluster-ca");
    String yaml = clientCertConfig(TestPki.pem(cert), keyPem)
        .replace("server: \"https://h:6443\"", "server: \"https://h:6443\", "
            + "certificate-authority-data: " + TestPki.b64(TestPki.pem(ca)));
    KubeConfig c = KubeConfig.parse(yaml, null, null);
    assertNull(c.authorization());
    assertEquals(ca, Pem.certificates(c.caPem()).get(0));
    var km = Tls.keyManager(c);
    // the alias TLS picks for a server asking for a certificate of the key's algorithm
    String alias = km.chooseClientAlias(new String[] {keys.getPublic().getAlgorithm()}, null, null);
    assertSigns(km.getPrivateKey(alias), keys.getPublic());
    assertEquals(cert, km.getCertificateChain(alias)[0]);
    assertNotNull(Tls.sslContext(c));
  }

  /** The loaded key is the generated one: what it signs, the public key verifies. */
  private static void assertSigns(java.security.PrivateKey key, java.security.PublicKey pub)
      throws Exception {
    String algorithm = pub.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    byte[] data = "bench".getBytes(StandardCharsets.US_ASCII);
    var signer = java.security.Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    var verifier = java.security.Signature.getInstance(algorithm);
    verifier.initVerify(pub);
    verifier.update(data);
    assertTrue(verifier.verify(signature), "loaded key does not match the generated one");
  }

  private static String clientCertConfig(String certPem, String keyPem) {
    return "current-context: x\n"
        + "clusters: [{name: c, cluster: {server: \"https://h:6443\"}}]\n"
        + "contexts: [{name: x, context: {cluster: c, user: u}}]\n"
        + "users: [{name: u, user: {client-certificate-data: " + TestPki.b64(certPem)
        + (keyPem == null ? "" : ", client-key-data: " + TestPki.b64(keyPem)) + "}}]\n";
  }
}
