package io.logplane.api.certificates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys, a CA and CertificateSigningRequest objects for the tests of this package. */
final class Fixtures {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
  static final List<String> KUBELET_CLIENT_USAGES = List.of("digital signature", "key encipherment", "client auth");

  private Fixtures() {}

  static KeyPair ecKey() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CA with a subject key identifier, valid from a day before NOW for {@code validity}. */
  static X509Certificate ca(KeyPair key, Duration validity) {
    try {
      X500Name name = new X500Name("CN=test-ca");
      var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(42), Date.from(NOW.minus(Duration.ofDays(1))),
          Date.from(NOW.plus(validity)), name, key.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature))
          .addExtension(Extension.subjectKeyIdentifier, false,
              new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key.getPublic()));
      var holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String certificatePem(X509Certificate cert) {
    try {
      return PemBlocks.encode("CERTIFICATE", cert.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CA's certificate PEM, for a status.certificate that parses. */
  static String anyCertificatePem() {
    return certificatePem(ca(ecKey(), Duration.ofDays(30)));
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A CSR object as a client posts it (no status). */
  static ObjectNode csr(String pem, String signerName, List<String> usages) {
    ObjectNode o = JSON.createObjectNode().put("apiVersion", "certificates.k8s.io/v1")
        .put("kind", "CertificateSigningRequest");
    o.putObject("metadata").put("name", "node-csr-1");
    ObjectNode spec = o.putObject("spec");
    if (pem != null) {
      spec.put("request", base64(pem));
    }
    if (!signerName.isEmpty()) {
      spec.put("signerName", signerName);
    }
    ArrayNode u = spec.putArray("usages");
    usages.forEach(u::add);
    return o;
  }

  /** A kubelet client request for node {@code node}, by the node itself. */
  static ObjectNode kubeletClientCsr(KeyPair key, String node) {
    ObjectNode csr = csr(CertificateRequests.csrPem(key, "system:node:" + node, List.of("system:nodes")),
        SignerNames.KUBE_APISERVER_CLIENT_KUBELET, KUBELET_CLIENT_USAGES);
    ((ObjectNode) csr.get("spec")).put("username", "system:node:" + node);
    return csr;
  }

  static ObjectNode condition(String type, String status) {
    return JSON.createObjectNode().put("type", type).put("status", status);
  }

  static ObjectNode withConditions(ObjectNode csr, ObjectNode... conditions) {
    ArrayNode a = (csr.get("status") instanceof ObjectNode s ? s : csr.putObject("status")).putArray("conditions");
    for (ObjectNode c : conditions) {
      a.add(c);
    }
    return csr;
  }

  /** Errors as kubectl shows them: {@code field: message}. */
  static List<String> lines(FieldErrors errors) {
    return errors.causes().stream().map(c -> c.field() + ": " + c.message()).toList();
  }
}
