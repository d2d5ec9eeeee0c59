package io.logplane.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.certificates.CertificateRequests;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.projections.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The kubelet's TLS bootstrap, for {@code logplane node}: a node given a bootstrap token (a
 * kubeconfig whose user is {@code <id>.<secret>}) makes itself a key, asks the cluster for a
 * client certificate with a CertificateSigningRequest for {@code system:node:<name>} in
 * {@code system:nodes} to the {@code kubernetes.io/kube-apiserver-client-kubelet} signer, waits
 * for the certificate, keeps key and certificate in its data directory (0600), and from then on
 * talks to the API as that node. A node that already holds a certificate of its name, valid for a
 * while yet, uses it without asking; one given other credentials keeps them.
 */
public final class TlsBootstrap {

  static final String SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
  private static final Pattern BOOTSTRAP_TOKEN = Pattern.compile("Bearer [a-z0-9]{6}\\.[a-z0-9]{16}");
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final Duration RENEW_BEFORE = Duration.ofDays(1);

  private TlsBootstrap() {}

  /** The credentials the node runs with: its own certificate, once it has one. */
  public static KubeConfig credentials(KubeConfig given, String nodeName, Path dir, Clock clock) throws Exception {
    Path certFile = dir.resolve("node-client.crt");
    Path keyFile = dir.resolve("node-client.key");
    if (Files.exists(certFile) && Files.exists(keyFile) && usable(Files.readAllBytes(certFile), nodeName, clock)) {
      return withCertificate(given, Files.readAllBytes(certFile), Files.readAllBytes(keyFile));
    }
    if (given.authorization() == null || !BOOTSTRAP_TOKEN.matcher(given.authorization()).matches()) {
      return given;
    }
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    String request = CertificateRequests.csrPem(key, "system:node:" + nodeName, List.of("system:nodes"));
    byte[] cert = ask(given, request, clock);
    byte[] keyPem = pem(key);
    write(keyFile, keyPem);
    write(certFile, cert);
    return withCertificate(given, cert, keyPem);
  }

  /** Creates the CSR with the bootstrap token and waits for its certificate. */
  private static byte[] ask(KubeConfig bootstrap, String request, Clock clock) throws Exception {
    ObjectNode csr = Json.MAPPER.createObjectNode().put("apiVersion", "certificates.k8s.io/v1")
        .put("kind", "CertificateSigningRequest");
    csr.putObject("metadata").put("generateName", "node-csr-");
    ObjectNode spec = csr.putObject("spec").put("signerName", SIGNER)
        .put("request", Base64.getEncoder().encodeToString(request.getBytes(StandardCharsets.UTF_8)));
    spec.putArray("usages").add("digital signature").add("client auth");
    String path = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
    try (KubeClient client = new KubeClient(bootstrap, "logplane-node-bootstrap", 1, Duration.ofSeconds(30))) {
      KubeClient.Response created = client.send("POST", path, csr.toString());
      if (!created.ok()) {
        throw new IOException("the server refused the node's certificate request (" + created.status() + "): "
            + message(created.body()));
      }
      String name = Json.MAPPER.readTree(created.body()).path("metadata").path("name").asText();
      Instant until = clock.instant().plus(WAIT);
      while (clock.instant().isBefore(until)) {
        KubeClient.Response r = client.send("GET", path + "/" + name, null);
        JsonNode status = r.ok() ? Json.MAPPER.readTree(r.body()).path("status") : Json.MAPPER.createObjectNode();
        for (JsonNode c : status.path("conditions")) {
          String type = c.path("type").asText();
          if (type.equals("Denied") || type.equals("Failed")) {
            throw new IOException("certificate request " + name + " " + type.toLowerCase() + ": "
                + c.path("message").asText(c.path("reason").asText()));
          }
        }
        if (status.hasNonNull("certificate")) {
          return Base64.getDecoder().decode(status.path("certificate").asText());
        }
        Thread.sleep(250);
      }
      throw new IOException("certificate request " + name + " was not signed within " + WAIT.toSeconds()
          + " s: approve it with kubectl certificate approve " + name);
    }
  }

  private static boolean usable(byte[] pem, String nodeName, Clock clock) {
    try {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem));
      return cert.getSubjectX500Principal().getName().contains("CN=system:node:" + nodeName)
          && cert.getNotAfter().toInstant().isAfter(clock.instant().plus(RENEW_BEFORE));
    } catch (Exception e) {
      return false;
    }
  }

  private static KubeConfig withCertificate(KubeConfig given, byte[] cert, byte[] key) {
    return new KubeConfig(given.server(), given.caPem(), given.insecure(), null, cert, key);
  }

  private static byte[] pem(KeyPair key) {
    return io.logplane.api.auth.Pem.privateKey(key.getPrivate()).getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), "node", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String message(String body) {
    try {
      return Json.MAPPER.readTree(body).path("message").asText(body);
    } catch (IOException e) {
      return body;
    }
  }
}
