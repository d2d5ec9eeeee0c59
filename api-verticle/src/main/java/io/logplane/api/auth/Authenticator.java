package io.logplane.api.auth;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Turns a request's credentials into a {@link User}, as kube-apiserver's union authenticator: a
 * {@code Bearer} token found in {@link Tokens} wins, then a service-account token
 * ({@link ServiceAccountAuthenticator}), then a bootstrap token ({@link BootstrapTokenAuthenticator}); otherwise a TLS client certificate chain that
 * validates against the cluster CA (signatures, validity at the current time, CA constraints,
 * and the leaf allowed for client authentication) yields User(CN, O values). A failing method
 * does not stop the next one: a bad token with a good certificate is the certificate's user.
 * Empty means unauthenticated, which the caller answers with 401.
 *
 * <p>Thread-safe and stateless apart from the token table, so one instance serves every verticle.
 */
public final class Authenticator {

  private static final String ANY_EKU = "2.5.29.37.0";

  private final Tokens tokens;
  private final X509Certificate ca;
  private final ServiceAccountAuthenticator serviceAccounts;
  private final BootstrapTokenAuthenticator bootstrapTokens;
  private final Clock clock;

  /** An authenticator of static tokens and certificates only. */
  public Authenticator(Tokens tokens, X509Certificate ca) {
    this(tokens, ca, null, null, Clock.systemUTC());
  }

  /** @param serviceAccounts the service-account token authenticator, or null for none */
  public Authenticator(Tokens tokens, X509Certificate ca, ServiceAccountAuthenticator serviceAccounts) {
    this(tokens, ca, serviceAccounts, null, Clock.systemUTC());
  }

  /** @param bootstrapTokens the bootstrap token authenticator, or null for none */
  public Authenticator(Tokens tokens, X509Certificate ca, ServiceAccountAuthenticator serviceAccounts,
      BootstrapTokenAuthenticator bootstrapTokens) {
    this(tokens, ca, serviceAccounts, bootstrapTokens, Clock.systemUTC());
  }

  Authenticator(Tokens tokens, X509Certificate ca, Clock clock) {
    this(tokens, ca, null, null, clock);
  }

  private Authenticator(Tokens tokens, X509Certificate ca, ServiceAccountAuthenticator serviceAccounts,
      BootstrapTokenAuthenticator bootstrapTokens, Clock clock) {
    this.tokens = tokens;
    this.ca = ca;
    this.serviceAccounts = serviceAccounts;
    this.bootstrapTokens = bootstrapTokens;
    this.clock = clock;
  }

  /**
   * @param authorizationHeader the {@code Authorization} header value, or null
   * @param peerChainOrNull the TLS peer's certificate chain, leaf first, or null without one
   */
  public Optional<User> authenticate(String authorizationHeader, List<Certificate> peerChainOrNull) {
    Optional<User> byToken = bearer(authorizationHeader).flatMap(this::byToken);
    if (byToken.isPresent()) {
      return byToken;
    }
    return peerChainOrNull == null || peerChainOrNull.isEmpty()
        ? Optional.empty() : fromCertificate(peerChainOrNull);
  }

  /** The user of a bearer token given apart from a header (the WebSocket bearer subprotocol). */
  public Optional<User> authenticateToken(String token) {
    return token == null || token.isEmpty() ? Optional.empty() : byToken(token);
  }

  /** The audiences of the API server: those a service-account token must name to be its. */
  public List<String> audiences() {
    return serviceAccounts == null ? List.of(ServiceAccountTokens.DEFAULT_ISSUER)
        : serviceAccounts.tokens().apiAudiences();
  }

  /** The static token table first, then service-account tokens, then bootstrap tokens, as kube's union orders them. */
  private Optional<User> byToken(String token) {
    Optional<User> user = tokens.lookup(token);
    if (user.isEmpty() && serviceAccounts != null) {
      user = serviceAccounts.authenticate(token);
    }
    return user.isEmpty() && bootstrapTokens != null ? bootstrapTokens.authenticate(token) : user;
  }

  /** As kube's bearer token authenticator: scheme case-insensitive, the token is the next word. */
  private static Optional<String> bearer(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String[] parts = header.trim().split(" ", 3);
    if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parts[1]);
  }

  private Optional<User> fromCertificate(List<Certificate> chain) {
    List<X509Certificate> path = new ArrayList<>();
    for (Certificate c : chain) {
      if (!(c instanceof X509Certificate x)) {
        return Optional.empty();
      }
      // The anchor itself is not part of the path to validate.
      if (!x.equals(ca)) {
        path.add(x);
      }
    }
    if (path.isEmpty()) {
      return Optional.empty();
    }
    X509Certificate leaf = path.get(0);
    try {
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(clock.instant()));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      if (!allowsClientAuth(leaf)) {
        return Optional.empty();
      }
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
    return userOf(leaf);
  }

  /** No EKU extension means any use, as Go's x509 treats it. */
  private static boolean allowsClientAuth(X509Certificate leaf) throws CertificateParsingException {
    List<String> eku = leaf.getExtendedKeyUsage();
    return eku == null || eku.contains(KeyPurposeId.id_kp_clientAuth.getId()) || eku.contains(ANY_EKU);
  }

  /** CN is the user, every O is a group; no CN means no user, as in kube. */
  static Optional<User> userOf(X509Certificate cert) {
    X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    List<String> cn = values(subject, BCStyle.CN);
    if (cn.isEmpty() || cn.get(0).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new User(cn.get(0), values(subject, BCStyle.O)));
  }

  private static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
    List<String> out = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (atv.getType().equals(type) && atv.getValue() instanceof ASN1String s) {
          out.add(s.getString());
        }
      }
    }
    return out;
  }
}
