package io.logplane.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The cluster's certificate authority and the certificates the API server needs, kept as PEM
 * files under {@code dir/pki/}: {@code ca.crt/.key}, {@code server.crt/.key} (the serving
 * certificate) and {@code admin.crt/.key} (CN=admin, O=system:masters). Keys are mode 0600.
 *
 * <p>{@link #loadOrCreate} is idempotent: the first call generates everything, later calls load
 * it. The CA is never replaced once it exists (that would invalidate every credential handed
 * out); the serving and admin certificates are re-issued from it when missing, not signed by it,
 * not matching their key, within {@link #RENEW_BEFORE} of expiry, or (serving) when the wanted
 * subject alternative names changed.
 */
public final class Pki {

  /** Names every serving certificate holds, besides the caller's extra ones. */
  public static final List<String> DEFAULT_SANS = List.of("localhost", "127.0.0.1", "::1", "logplane",
      "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");
  static final Duration RENEW_BEFORE = Duration.ofDays(30);
  private static final String CA_CN = "logplane-ca";

  private final KeyCert ca;
  private final KeyCert server;
  private final KeyCert admin;
  private final Clock clock;

  private Pki(KeyCert ca, KeyCert server, KeyCert admin, Clock clock) {
    this.ca = ca;
    this.server = server;
    this.admin = admin;
    this.clock = clock;
  }

  /**
   * Loads the PKI under {@code dir/pki}, creating or renewing what is missing or stale.
   *
   * @param extraSans DNS names or IP literals the serving certificate must also hold
   * @throws IllegalArgumentException if an extra SAN is neither a DNS name nor an IP literal
   * @throws IllegalStateException if the CA files are unreadable, half present, or expired
   */
  public static Pki loadOrCreate(Path dir, List<String> extraSans) {
    return loadOrCreate(dir, extraSans, Clock.systemUTC());
  }

  static synchronized Pki loadOrCreate(Path dir, List<String> extraSans, Clock clock) {
    List<String> wanted = new ArrayList<>(DEFAULT_SANS);
    wanted.addAll(extraSans);
    Set<String> sans = SubjectAltNames.canonical(wanted);
    Path pki = dir.resolve("pki");
    SecureFiles.createPrivateDir(pki);
    // Another process (a second server on the same data directory) may be generating too.
    try (FileChannel ch = FileChannel.open(pki.resolve(".lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      Instant now = clock.instant();
      KeyCert ca = loadCa(pki, now);
      KeyCert server = KeyCert.load(pki, "server")
          .filter(kc -> usable(kc, ca, now) && SubjectAltNames.of(kc.cert()).equals(sans))
          .orElseGet(() -> issue(ca, "logplane", List.of(), KeyPurposeId.id_kp_serverAuth, sans, now)
              .save(pki, "server"));
      KeyCert admin = KeyCert.load(pki, "admin")
          .filter(kc -> usable(kc, ca, now))
          .orElseGet(() -> issue(ca, "admin", List.of(User.MASTERS), KeyPurposeId.id_kp_clientAuth,
              Set.of(), now).save(pki, "admin"));
      return new Pki(ca, server, admin, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + pki, e);
    }
  }

  /** The CA certificate, PEM. */
  public String caPem() {
    return ca.certPem();
  }

  /** The serving certificate, PEM (the leaf only; clients trust the CA). */
  public String serverCertPem() {
    return server.certPem();
  }

  /** The serving certificate's private key, PKCS#8 PEM. */
  public String serverKeyPem() {
    return server.keyPem();
  }

  /**
   * The serving identity for a TLS server. Its key is held in an in-memory JKS store, not a
   * PKCS12 one (what Vert.x's PEM options build): PKCS12 encrypts the key with 10,000 rounds of
   * PBKDF2 and the key manager decrypts it again, about 0.2 s of a starting JVM's CPU for a store
   * that is never written anywhere.
   */
  public X509KeyManager serverKeyManager() {
    try {
      char[] password = "in-memory".toCharArray();
      KeyStore store = KeyStore.getInstance("JKS");
      store.load(null, null);
      store.setKeyEntry("server", server.key(), password, new X509Certificate[] {server.cert()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      return (X509KeyManager) kmf.getKeyManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("JKS and the default key manager are part of every JDK", e);
    }
  }

  /** The admin client certificate (CN=admin, O=system:masters), PEM. */
  public String adminCertPem() {
    return admin.certPem();
  }

  /** The admin client certificate's private key, PKCS#8 PEM. */
  public String adminKeyPem() {
    return admin.keyPem();
  }

  /** The CA certificate, the trust anchor for client certificates. */
  public X509Certificate ca() {
    return ca.cert();
  }

  /** The CA's private key, with which the cluster's certificate signer issues what it approves. */
  public java.security.PrivateKey caKey() {
    return ca.key();
  }

  /**
   * Issues a fresh client certificate (new key pair, valid one year) for {@code user} with its
   * {@code groups} as O values; nothing is written to disk.
   *
   * @throws IllegalArgumentException when {@code user} is blank
   */
  public ClientCert issueClient(String user, List<String> groups) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("a client certificate needs a user name");
    }
    KeyCert kc = issue(ca, user, groups, KeyPurposeId.id_kp_clientAuth, Set.of(), clock.instant());
    return new ClientCert(kc.certPem(), kc.keyPem());
  }

  private static KeyCert loadCa(Path pki, Instant now) {
    boolean crt = Files.exists(pki.resolve("ca.crt"));
    boolean key = Files.exists(pki.resolve("ca.key"));
    if (crt != key) {
      throw new IllegalStateException("half a CA in " + pki + ": restore ca.crt and ca.key or remove both");
    }
    if (!crt) {
      KeyPair kp = CertIssuer.newKeyPair();
      return new KeyCert(CertIssuer.selfSignedCa(kp, CA_CN, now), kp.getPrivate()).save(pki, "ca");
    }
    KeyCert ca = KeyCert.load(pki, "ca").orElseThrow();
    if (!CertIssuer.keyMatches(ca.cert(), ca.key())) {
      throw new IllegalStateException("ca.key in " + pki + " does not belong to ca.crt");
    }
    if (ca.cert().getNotAfter().toInstant().isBefore(now)) {
      throw new IllegalStateException("the cluster CA in " + pki + " expired at "
          + ca.cert().getNotAfter().toInstant() + "; every certificate must be re-issued");
    }
    return ca;
  }

  private static boolean usable(KeyCert kc, KeyCert ca, Instant now) {
    try {
      kc.cert().verify(ca.cert().getPublicKey());
    } catch (GeneralSecurityException e) {
      return false;
    }
    return CertIssuer.keyMatches(kc.cert(), kc.key())
        && kc.cert().getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE));
  }

  private static KeyCert issue(KeyCert ca, String cn, List<String> groups, KeyPurposeId purpose,
      Set<String> sans, Instant now) {
    KeyPair kp = CertIssuer.newKeyPair();
    X509Certificate cert = CertIssuer.issue(ca.cert(), ca.key(), CertIssuer.name(cn, groups),
        kp.getPublic(), purpose, sans, now, CertIssuer.LEAF_VALIDITY);
    return new KeyCert(cert, kp.getPrivate());
  }

  /** A certificate with its private key, as held in memory and as the two PEM files on disk. */
  record KeyCert(X509Certificate cert, PrivateKey key) {

    String certPem() {
      return Pem.certificate(cert);
    }

    String keyPem() {
      return Pem.privateKey(key);
    }

    /** Key first: a crash between the two writes leaves a mismatch that the next load re-issues. */
    KeyCert save(Path pki, String name) {
      SecureFiles.write(pki.resolve(name + ".key"), keyPem(), true);
      SecureFiles.write(pki.resolve(name + ".crt"), certPem(), false);
      return this;
    }

    /** Empty when either file is missing; throws when one is present but unreadable. */
    static Optional<KeyCert> load(Path pki, String name) {
      Path crt = pki.resolve(name + ".crt");
      Path key = pki.resolve(name + ".key");
      if (!Files.exists(crt) || !Files.exists(key)) {
        return Optional.empty();
      }
      try {
        return Optional.of(new KeyCert(Pem.parseCertificate(SecureFiles.read(crt)),
            Pem.parsePrivateKey(SecureFiles.read(key))));
      } catch (GeneralSecurityException | IOException | RuntimeException e) {
        throw new IllegalStateException("unreadable " + crt + " or " + key + ": " + e.getMessage(), e);
      }
    }
  }
}
