package io.logplane.api.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * Subject alternative names in a canonical text form ({@code DNS:name} lower-case, {@code
 * IP:address} as {@link InetAddress#getHostAddress()} prints it), so that the names wanted and the
 * names a certificate holds compare as plain sets.
 */
final class SubjectAltNames {

  private static final Pattern DNS =
      Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  private SubjectAltNames() {}

  /** Canonical form of names given as plain DNS names or IP literals. */
  static SortedSet<String> canonical(Collection<String> names) {
    SortedSet<String> out = new TreeSet<>();
    for (String raw : names) {
      String name = raw.trim();
      if (IPAddress.isValid(name)) {
        out.add("IP:" + ipLiteral(name).getHostAddress());
      } else if (DNS.matcher(name.toLowerCase(Locale.ROOT)).matches() && name.length() <= 253) {
        out.add("DNS:" + name.toLowerCase(Locale.ROOT));
      } else {
        throw new IllegalArgumentException("not a DNS name or IP address: '" + raw + "'");
      }
    }
    return out;
  }

  /** Canonical form of the DNS and IP names {@code cert} holds; other name kinds are ignored. */
  static SortedSet<String> of(X509Certificate cert) {
    SortedSet<String> out = new TreeSet<>();
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names == null) {
        return out;
      }
      for (List<?> entry : names) {
        int type = (Integer) entry.get(0);
        String value = (String) entry.get(1);
        if (type == GeneralName.dNSName) {
          out.add("DNS:" + value.toLowerCase(Locale.ROOT));
        } else if (type == GeneralName.iPAddress) {
          out.add("IP:" + ipLiteral(value).getHostAddress());
        }
      }
    } catch (CertificateParsingException e) {
      throw new IllegalStateException("unreadable subjectAltName in " + cert.getSubjectX500Principal(), e);
    }
    return out;
  }

  static GeneralNames toGeneralNames(Collection<String> canonical) {
    return new GeneralNames(
        canonical.stream()
            .map(n -> n.startsWith("IP:")
                ? new GeneralName(GeneralName.iPAddress,
                    new DEROctetString(ipLiteral(n.substring(3)).getAddress()))
                : new GeneralName(GeneralName.dNSName, n.substring(4)))
            .toArray(GeneralName[]::new));
  }

  /** Only ever called on validated literals, so no name lookup happens. */
  private static InetAddress ipLiteral(String literal) {
    if (!IPAddress.isValid(literal)) {
      throw new IllegalArgumentException("not an IP literal: " + literal);
    }
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + literal, e);
    }
  }
}
