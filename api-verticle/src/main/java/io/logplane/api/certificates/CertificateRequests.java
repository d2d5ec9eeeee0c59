package io.logplane.api.certificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Makes the PEM {@code CERTIFICATE REQUEST} a kubelet (or a test) puts in {@code spec.request},
 * as client-go's {@code cert.MakeCSR} does: subject O values then CN, DNS and IP names as
 * subject alternative names, signed with the key it requests a certificate for.
 */
public final class CertificateRequests {

  private CertificateRequests() {}

  /** A request for {@code key} with subject CN={@code commonName}, O={@code organizations}. */
  public static String csrPem(KeyPair key, String commonName, List<String> organizations) {
    return csrPem(key, commonName, organizations, List.of(), List.of());
  }

  /**
   * As {@link #csrPem(KeyPair, String, List)}, with DNS names and IP literals as subject
   * alternative names (a kubelet serving request holds the node's).
   *
   * @throws IllegalArgumentException when the key type cannot sign or an IP is not a literal
   */
  public static String csrPem(KeyPair key, String commonName, List<String> organizations, List<String> dnsNames,
      List<String> ipAddresses) {
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    organizations.forEach(o -> subject.addRDN(BCStyle.O, o));
    if (!commonName.isEmpty()) {
      subject.addRDN(BCStyle.CN, commonName);
    }
    JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(subject.build(),
        key.getPublic());
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
    ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    try {
      if (!names.isEmpty()) {
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
        b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
      }
      var signer = new JcaContentSignerBuilder(Keys.signatureAlgorithm(key.getPrivate())).build(key.getPrivate());
      return PemBlocks.encode("CERTIFICATE REQUEST", b.build(signer).getEncoded());
    } catch (OperatorCreationException e) {
      throw new IllegalArgumentException("cannot sign a request with a " + key.getPrivate().getAlgorithm() + " key", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a certificate request", e);
    }
  }
}
