package io.logplane.controllers.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the certificate of each TLS handshake by its server name (SNI): the Secret the
 * Ingresses' {@code tls} entries name for that host, else (no entry, the Secret missing or not a
 * usable {@code kubernetes.io/tls} one) the default self-signed certificate. Read at every
 * handshake, so a changed Secret or Ingress serves at the next connection; parsed keys are kept
 * per Secret resourceVersion. The alias is the Secret's key.
 */
final class Certificates extends X509ExtendedKeyManager {

  private static final Logger LOG = LoggerFactory.getLogger(Certificates.class);
  private static final String DEFAULT = "default";

  private record Parsed(long resourceVersion, TlsKey key) {}

  private final Supplier<Routes> routes;
  private final Informer secrets;
  private final UnaryOperator<ObjectNode> unseal;
  private final TlsKey fallback = TlsKey.selfSigned();
  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

  Certificates(Supplier<Routes> routes, Informer secrets, UnaryOperator<ObjectNode> unseal) {
    this.routes = routes;
    this.secrets = secrets;
    this.unseal = unseal;
  }

  /** The Secret's key and chain, or null when it is missing or unusable. */
  TlsKey load(String secretKey) {
    ObjectNode s = secrets.get(secretKey);
    if (s == null) {
      return null;
    }
    long rv = Metadata.resourceVersion(s);
    Parsed p = parsed.get(secretKey);
    if (p != null && p.resourceVersion() == rv) {
      return p.key();
    }
    TlsKey k = null;
    try {
      ObjectNode open = unseal.apply(s);
      k = TlsKey.fromPem(Base64.getDecoder().decode(open.path("data").path("tls.key").asText("")),
          Base64.getDecoder().decode(open.path("data").path("tls.crt").asText("")));
    } catch (Exception e) {
      LOG.warn("Secret {} holds no usable TLS key and certificate ({}): the default certificate serves", secretKey,
          e.toString());
    }
    parsed.put(secretKey, new Parsed(rv, k));
    return k;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    String name = serverName(engine.getHandshakeSession());
    String secret = name == null ? null : routes.get().secretFor(name);
    TlsKey k = secret == null ? null : load(secret);
    if (k != null) {
      // Asked once per key type the client accepts, in its order: only the Secret's own type answers.
      return k.key().getAlgorithm().equals(keyType) ? secret : null;
    }
    return fallback.key().getAlgorithm().equals(keyType) ? DEFAULT : null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return fallback.key().getAlgorithm().equals(keyType) ? DEFAULT : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    TlsKey k = alias.equals(DEFAULT) ? fallback : load(alias);
    return (k != null ? k : fallback).chain();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    TlsKey k = alias.equals(DEFAULT) ? fallback : load(alias);
    return (k != null ? k : fallback).key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return new String[] {DEFAULT};
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  private static String serverName(SSLSession session) {
    if (session instanceof ExtendedSSLSession ext) {
      for (SNIServerName n : ext.getRequestedServerNames()) {
        if (n instanceof SNIHostName h) {
          return h.getAsciiName();
        }
      }
    }
    return null;
  }
}
