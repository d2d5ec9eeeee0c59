package io.logplane.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.api.auth.Kubeconfig;
import io.logplane.api.certificates.CertificateRequests;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.launcher.Cluster;
import io.logplane.launcher.Main;
import io.logplane.launcher.TlsBootstrap;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Node identities and CertificateSigningRequests with the real kubectl: a bootstrap token made by
 * {@code logplane token create} authenticates as {@code system:bootstrap:<id>} and may do little
 * but ask for a node certificate; a node's TLS bootstrap gets one, approved and signed at once,
 * and is then {@code system:node:<name>} in {@code system:nodes}; a user's request to the
 * kube-apiserver-client signer waits for {@code kubectl certificate approve}, after which its
 * certificate authenticates that user; a denied request gets no certificate.
 */
class CertificatesIT {

  @TempDir static Path dir;
  static Cluster cluster;
  static Kubectl kubectl;
  static String caPem;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    kubectl = new Kubectl(cluster.kubeconfig(), dir);
    caPem = new String(KubeConfig.load(cluster.kubeconfig(), null).caPem(), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aNodeJoinsWithABootstrapTokenAndRunsAsItself() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine("token");
    cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true));
    assertEquals(0, cl.execute("token", "create", "--kubeconfig", cluster.kubeconfig().toString()), out.toString());
    String token = out.toString().strip();
    assertTrue(token.matches("[a-z0-9]{6}\\.[a-z0-9]{16}"), token);
    String id = token.substring(0, 6);

    Path bootstrap = dir.resolve("bootstrap.kubeconfig");
    Kubeconfig.write(bootstrap, Kubeconfig.render("logplane", cluster.url(), caPem, "joiner", token, null, null));
    Kubectl asToken = new Kubectl(bootstrap, dir);
    String whoami = asToken.ok("auth", "whoami").out();
    assertTrue(whoami.contains("system:bootstrap:" + id), whoami);
    assertTrue(whoami.contains("[system:bootstrappers system:bootstrappers:logplane:default-node-token"
        + " system:authenticated]"), whoami);
    Kubectl.Result pods = asToken.run("get", "pods", "-A");
    assertNotEquals(0, pods.exit());
    assertTrue(pods.err().contains("User \"system:bootstrap:" + id + "\" cannot list resource \"pods\""), pods.all());

    KubeConfig node = TlsBootstrap.credentials(KubeConfig.load(bootstrap, null), "joiner", dir.resolve("node-pki"),
        Clock.systemUTC());
    assertEquals(null, node.authorization());
    Path nodeConfig = dir.resolve("node.kubeconfig");
    Kubeconfig.write(nodeConfig, Kubeconfig.render("logplane", cluster.url(), caPem, "joiner", null,
        new String(node.clientCertPem(), StandardCharsets.UTF_8), new String(node.clientKeyPem(),
            StandardCharsets.UTF_8)));
    String asNode = new Kubectl(nodeConfig, dir).ok("auth", "whoami").out();
    assertTrue(asNode.matches("(?s).*Username\\s+system:node:joiner\n.*Groups\\s+\\[system:nodes"
        + " system:authenticated].*"), asNode);
    assertTrue(Files.exists(dir.resolve("node-pki/node-client.key")));
    String csrs = kubectl.ok("get", "csr").out();
    assertTrue(csrs.matches("(?s)NAME\\s+AGE\\s+SIGNERNAME\\s+REQUESTOR\\s+REQUESTEDDURATION\\s+CONDITION\n.*"
        + "node-csr-\\S+\\s+\\S+\\s+kubernetes.io/kube-apiserver-client-kubelet\\s+system:bootstrap:" + id
        + "\\s+<none>\\s+Approved,Issued\n.*"), csrs);
    // a second start uses the certificate it holds
    KubeConfig again = TlsBootstrap.credentials(KubeConfig.load(bootstrap, null), "joiner", dir.resolve("node-pki"),
        Clock.systemUTC());
    assertEquals(new String(node.clientCertPem(), StandardCharsets.UTF_8),
        new String(again.clientCertPem(), StandardCharsets.UTF_8));
  }

  @Test
  void aUsersRequestWaitsForApprovalAndItsCertificateAuthenticatesThatUser() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    String request = Base64.getEncoder().encodeToString(CertificateRequests.csrPem(key, "jane", List.of("devs"))
        .getBytes(StandardCharsets.UTF_8));
    String keyPem = io.logplane.api.auth.Pem.privateKey(key.getPrivate());
    kubectl.ok("apply", "-f", kubectl.manifest("jane.yaml", """
        apiVersion: certificates.k8s.io/v1
        kind: CertificateSigningRequest
        metadata: {name: jane}
        spec:
          request: %s
          signerName: kubernetes.io/kube-apiserver-client
          expirationSeconds: 86400
          usages: [client auth]
        """.formatted(request)));
    String pending = kubectl.ok("get", "csr", "jane").out();
    assertTrue(pending.matches("(?s).*jane\\s+\\S+\\s+kubernetes.io/kube-apiserver-client\\s+admin\\s+24h\\s+Pending\n"),
        pending);
    kubectl.ok("certificate", "approve", "jane");
    await("jane's certificate is issued").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> !kubectl.ok("get", "csr", "jane", "-o", "jsonpath={.status.certificate}").out().isEmpty());
    String cert = new String(Base64.getDecoder().decode(kubectl.ok("get", "csr", "jane", "-o",
        "jsonpath={.status.certificate}").out()), StandardCharsets.UTF_8);
    Path janeConfig = dir.resolve("jane.kubeconfig");
    Kubeconfig.write(janeConfig, Kubeconfig.render("logplane", cluster.url(), caPem, "jane", null, cert,
        keyPem));
    String whoami = new Kubectl(janeConfig, dir).ok("auth", "whoami").out();
    assertTrue(whoami.matches("(?s).*Username\\s+jane\n.*Groups\\s+\\[devs system:authenticated].*"), whoami);
    assertTrue(kubectl.ok("get", "csr", "jane").out().contains("Approved,Issued"));

    kubectl.ok("apply", "-f", kubectl.manifest("denied.yaml", """
        apiVersion: certificates.k8s.io/v1
        kind: CertificateSigningRequest
        metadata: {name: denied}
        spec:
          request: %s
          signerName: kubernetes.io/kube-apiserver-client
          usages: [client auth]
        """.formatted(request)));
    kubectl.ok("certificate", "deny", "denied");
    assertTrue(kubectl.ok("get", "csr", "denied").out().contains("Denied\n"));
    // the signer, which answers an approval within a second, never issues a certificate for it
    await("no certificate for a denied request").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> kubectl.ok("get", "csr", "denied", "-o", "jsonpath={.status.certificate}").out().isEmpty());
  }

  @Test
  void aBadOrExpiredBootstrapTokenIsNoUser() throws Exception {
    kubectl.ok("apply", "-f", kubectl.manifest("expired.yaml", """
        apiVersion: v1
        kind: Secret
        metadata: {name: bootstrap-token-abcdef, namespace: kube-system}
        type: bootstrap.kubernetes.io/token
        stringData:
          token-id: abcdef
          token-secret: 0123456789abcdef
          usage-bootstrap-authentication: "true"
          expiration: "2020-01-01T00:00:00Z"
        """));
    for (String token : new String[] {"abcdef.0123456789abcdef", "abcdef.0123456789abcdee"}) {
      Path file = dir.resolve("t.kubeconfig");
      Kubeconfig.write(file, Kubeconfig.render("logplane", cluster.url(), caPem, "t", token, null, null));
      Kubectl.Result r = new Kubectl(file, dir).run("auth", "whoami");
      assertNotEquals(0, r.exit());
      assertTrue(r.err().contains("Unauthorized"), r.all());
    }
  }
}
