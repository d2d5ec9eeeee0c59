package io.logplane.api.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.nio.charset.StandardCharsets;

/**
 * kube-apiserver's service-account issuer discovery: the OpenID Connect discovery document at
 * {@code /.well-known/openid-configuration} and the key set at {@code /openid/v1/jwks}, so that
 * a relying party (a cloud's workload identity, Vault) can verify service-account tokens with
 * the public key alone. The key set is fixed for the life of the server and built once; the
 * document names where the key set is, which is known once the server listens.
 */
public final class IssuerDiscovery {

  public static final String CONFIGURATION_PATH = "/.well-known/openid-configuration";
  public static final String JWKS_PATH = "/openid/v1/jwks";
  /** kube's content types: the discovery document is JSON, the key set a JWK set. */
  public static final String CONFIGURATION_TYPE = "application/json";
  public static final String JWKS_TYPE = "application/jwk-set+json";
  /** As kube: both may be cached for an hour. */
  public static final String CACHE_CONTROL = "public, max-age=3600";

  private final String issuer;
  private final ServiceAccountTokens tokens;
  /** The key set, once asked for (the key may still be being made when the server starts). */
  private volatile byte[] jwks;

  public IssuerDiscovery(ServiceAccountTokens tokens) {
    this.issuer = tokens.issuer();
    this.tokens = tokens;
  }

  /** True for the two paths this serves. */
  public static boolean serves(String path) {
    return path.equals(CONFIGURATION_PATH) || path.equals(JWKS_PATH);
  }

  /**
   * The discovery document, as kube's {@code openIDMetadata}.
   *
   * @param apiAddress the API server's {@code host:port}; the key set is served there
   */
  public byte[] configuration(String apiAddress) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    c.put("issuer", issuer);
    c.put("jwks_uri", "https://" + apiAddress + JWKS_PATH);
    c.putArray("response_types_supported").add("id_token");
    c.putArray("subject_types_supported").add("public");
    c.putArray("id_token_signing_alg_values_supported").add("RS256");
    return Json.bytes(c);
  }

  public byte[] jwks() {
    byte[] set = jwks;
    if (set == null) {
      set = new com.nimbusds.jose.jwk.JWKSet(tokens.key().publicJwk()).toString(true).getBytes(StandardCharsets.UTF_8);
      jwks = set;
    }
    return set.clone();
  }
}
