package io.logplane.kubeclient;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;

/** The {@link SSLContext} a kubeconfig context describes. */
public final class Tls {
  private static final char[] PASSWORD = "in-memory".toCharArray();

  private Tls() {}

  /** Trust from the CA data (or anything, when insecure), identity from the client cert. */
  public static SSLContext sslContext(KubeConfig config) {
    try {
      TrustManager[] trust = config.insecure() ? new TrustManager[] {new TrustAll()}
          : config.caPem() != null ? trustManagers(config.caPem()) : null;
      X509KeyManager key = keyManager(config);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(key == null ? null : new KeyManager[] {key}, trust, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new KubeConfigException("cannot build TLS context: " + e.getMessage(), e);
    }
  }

  /** The client identity, or null when the user has no client certificate. */
  public static X509KeyManager keyManager(KubeConfig config) throws GeneralSecurityException {
    if (config.clientCertPem() == null && config.clientKeyPem() == null) {
      return null;
    }
    if (config.clientCertPem() == null || config.clientKeyPem() == null) {
      throw new KubeConfigException("a client certificate needs both certificate and key");
    }
    List<X509Certificate> chain = Pem.certificates(config.clientCertPem());
    // JKS, not PKCS12: PKCS12 encrypts the key it is given with 10,000 rounds of PBKDF2 and the
    // key manager decrypts it again, about 0.2 s of a cold JVM's CPU for a store never written
    // anywhere; JKS protects a key with a few hashes.
    KeyStore store = KeyStore.getInstance("JKS");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    store.setKeyEntry("client", Pem.privateKey(config.clientKeyPem()), PASSWORD,
        chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, PASSWORD);
    return (X509KeyManager) kmf.getKeyManagers()[0];
  }

  /** The trust manager of the CA data, for a client that takes one rather than a context. */
  public static TrustManager trustManager(byte[] caPem) {
    try {
      return trustManagers(caPem)[0];
    } catch (GeneralSecurityException e) {
      throw new KubeConfigException("cannot trust the CA data: " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(byte[] caPem) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException(e);
    }
    int i = 0;
    for (X509Certificate ca : Pem.certificates(caPem)) {
      store.setCertificateEntry("ca" + i++, ca);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  /**
   * {@code insecure-skip-tls-verify}. Being an extended trust manager that checks nothing,
   * it also skips the host name check, which JSSE delegates to extended trust managers.
   */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}

    @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}

    @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}

    @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}

    @Override public void checkClientTrusted(X509Certificate[] c, String a) {}

    @Override public void checkServerTrusted(X509Certificate[] c, String a) {}

    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
