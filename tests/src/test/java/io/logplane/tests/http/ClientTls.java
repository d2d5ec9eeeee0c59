package io.logplane.tests.http;

import io.logplane.kubeclient.KubeConfig;
import io.logplane.kubeclient.Pem;
import io.logplane.kubeclient.Tls;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The TLS side of a kubeconfig user: trust from the cluster CA only; the client certificate,
 * when there is one, sent whatever issuers the server advertises (as Go clients do), so that
 * the server's own verdict on it is what a test sees.
 */
final class ClientTls {

  private ClientTls() {}

  static SSLContext of(KubeConfig config) {
    try {
      TrustManager[] trust = null;
      if (config.caPem() != null) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate ca : Pem.certificates(config.caPem())) {
          store.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        trust = tmf.getTrustManagers();
      }
      X509KeyManager key = Tls.keyManager(config);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(key == null ? null : new KeyManager[] {new AlwaysPresent(key)}, trust, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build the TLS context of " + config.server(), e);
    }
  }

  /** Presents the one client certificate unconditionally. */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final X509KeyManager delegate;
    private final String alias;

    AlwaysPresent(X509KeyManager delegate) {
      this.delegate = delegate;
      String[] ec = delegate.getClientAliases("EC", null);
      this.alias = ec != null ? ec[0] : delegate.getClientAliases("RSA", null)[0];
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {alias};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return alias;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String name) {
      return delegate.getCertificateChain(name);
    }

    @Override
    public PrivateKey getPrivateKey(String name) {
      return delegate.getPrivateKey(name);
    }
  }
}
