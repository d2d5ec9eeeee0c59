package io.logplane.kubeclient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** PEM certificates and private keys as kubeconfigs carry them. */
public final class Pem {
  private Pem() {}

  /** Every certificate in a PEM bundle, in order. */
  public static List<X509Certificate> certificates(byte[] pem) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      factory.generateCertificates(new ByteArrayInputStream(pem))
          .forEach(c -> out.add((X509Certificate) c));
      if (out.isEmpty()) {
        throw new KubeConfigException("no certificate found in PEM data");
      }
      return out;
    } catch (CertificateException e) {
      throw new KubeConfigException("invalid PEM certificate: " + e.getMessage(), e);
    }
  }

  /**
   * The first private key in the PEM data: RSA or EC, as PKCS#1 ({@code RSA PRIVATE KEY}),
   * SEC1 ({@code EC PRIVATE KEY}, optionally after an {@code EC PARAMETERS} block) or
   * unencrypted PKCS#8 ({@code PRIVATE KEY}).
   */
  public static PrivateKey privateKey(byte[] pem) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = new PEMParser(
        new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PEMKeyPair pair) {
          // Not getKeyPair(): a SEC1 key may omit its optional public key.
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        // EC PARAMETERS and other blocks before the key are skipped; encrypted keys are not
        // found here and end in the error below.
      }
    } catch (IOException e) {
      throw new KubeConfigException("invalid PEM private key: " + e.getMessage(), e);
    }
    throw new KubeConfigException(
        "no unencrypted RSA or EC private key found in PEM data"
            + " (encrypted keys are not supported)");
  }
}
