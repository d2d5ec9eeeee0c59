package io.logplane.api.certificates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The {@code spec.usages} values of certificates.k8s.io/v1 and what the signer makes of them, as
 * kube's authority package maps them: a key usage bit, or an extended key usage.
 */
final class Usages {

  static final String DIGITAL_SIGNATURE = "digital signature";
  static final String KEY_ENCIPHERMENT = "key encipherment";
  static final String CLIENT_AUTH = "client auth";
  static final String SERVER_AUTH = "server auth";

  private static final Map<String, Integer> KEY_USAGE = Map.ofEntries(
      Map.entry("signing", KeyUsage.digitalSignature),
      Map.entry(DIGITAL_SIGNATURE, KeyUsage.digitalSignature),
      Map.entry("content commitment", KeyUsage.nonRepudiation),
      Map.entry(KEY_ENCIPHERMENT, KeyUsage.keyEncipherment),
      Map.entry("key agreement", KeyUsage.keyAgreement),
      Map.entry("data encipherment", KeyUsage.dataEncipherment),
      Map.entry("cert sign", KeyUsage.keyCertSign),
      Map.entry("crl sign", KeyUsage.cRLSign),
      Map.entry("encipher only", KeyUsage.encipherOnly),
      Map.entry("decipher only", KeyUsage.decipherOnly));

  /** Extended key usages in the order Go's x509.ExtKeyUsage numbers them (the signer sorts so). */
  private static final Map<String, KeyPurposeId> EXT_KEY_USAGE = ordered();

  /** Every known usage, sorted as kube's {@code sets.String.List()} lists them in messages. */
  static final List<String> KNOWN = known();

  private Usages() {}

  private static Map<String, KeyPurposeId> ordered() {
    Map<String, KeyPurposeId> m = new LinkedHashMap<>();
    m.put("any", KeyPurposeId.anyExtendedKeyUsage);
    m.put(SERVER_AUTH, KeyPurposeId.id_kp_serverAuth);
    m.put(CLIENT_AUTH, KeyPurposeId.id_kp_clientAuth);
    m.put("code signing", KeyPurposeId.id_kp_codeSigning);
    m.put("email protection", KeyPurposeId.id_kp_emailProtection);
    m.put("s/mime", KeyPurposeId.id_kp_emailProtection);
    m.put("ipsec end system", KeyPurposeId.id_kp_ipsecEndSystem);
    m.put("ipsec tunnel", KeyPurposeId.id_kp_ipsecTunnel);
    m.put("ipsec user", KeyPurposeId.id_kp_ipsecUser);
    m.put("timestamping", KeyPurposeId.id_kp_timeStamping);
    m.put("ocsp signing", KeyPurposeId.id_kp_OCSPSigning);
    m.put("microsoft sgc", KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.3")));
    m.put("netscape sgc", KeyPurposeId.getInstance(new ASN1ObjectIdentifier("2.16.840.1.113730.4.1")));
    return m;
  }

  private static List<String> known() {
    Set<String> all = new TreeSet<>(KEY_USAGE.keySet());
    all.addAll(EXT_KEY_USAGE.keySet());
    return List.copyOf(all);
  }

  static boolean isKnown(String usage) {
    return KEY_USAGE.containsKey(usage) || EXT_KEY_USAGE.containsKey(usage);
  }

  /** The key usage bits of {@code usages} together (0 when none is a key usage). */
  static int keyUsageBits(List<String> usages) {
    int bits = 0;
    for (String u : usages) {
      bits |= KEY_USAGE.getOrDefault(u, 0);
    }
    return bits;
  }

  /** The extended key usages of {@code usages}, each once, in Go's numbering order. */
  static List<KeyPurposeId> extKeyUsages(List<String> usages) {
    List<KeyPurposeId> out = new ArrayList<>();
    for (Map.Entry<String, KeyPurposeId> e : EXT_KEY_USAGE.entrySet()) {
      if (usages.contains(e.getKey()) && !out.contains(e.getValue())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /** The usages none of the two maps know, in their order (the signer refuses these). */
  static List<String> unrecognized(List<String> usages) {
    return usages.stream().filter(u -> !isKnown(u)).toList();
  }
}
