package io.logplane.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import io.logplane.projections.Json;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signs and verifies service-account tokens as kube-apiserver does: RS256 JWTs with the
 * {@code kid} of {@link ServiceAccountKey}, the public claims {@code aud}, {@code exp},
 * {@code iat}, {@code iss}, {@code nbf}, {@code sub} and kube's private claim
 * {@code kubernetes.io} ({@code namespace}, {@code serviceaccount}, {@code pod} or
 * {@code secret}). The JWS is nimbus-jose-jwt's; the claims are written here, so that they have
 * kube's JSON form (an {@code aud} of one audience is still an array).
 *
 * <p>Verification is pure apart from the clock: a token is ours when it is an RS256 JWS signed
 * with our key, issued by our issuer, for one of the API server's audiences, and valid now (one
 * minute of leeway each way, go-jose's default, which kube uses). Whether the account and the
 * bound object still exist is the {@link ServiceAccountAuthenticator}'s to check.
 */
public final class ServiceAccountTokens {

  /** kube-apiserver's default {@code --service-account-issuer} of a kubeadm cluster. */
  public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

  static final Duration LEEWAY = Duration.ofMinutes(1);
  private static final String PRIVATE = "kubernetes.io";

  private final ServiceAccountKey key;
  private final String issuer;
  private final List<String> apiAudiences;
  private final Clock clock;
  /** The key's signer and verifier, made once the key is. */
  private volatile Crypto crypto;

  private record Crypto(RSASSASigner signer, RSASSAVerifier verifier) {}

  /**
   * @param apiAudiences the audiences the API server accepts ({@code --api-audiences}); the
   *                     default audience of a TokenRequest that names none
   */
  public ServiceAccountTokens(ServiceAccountKey key, String issuer, List<String> apiAudiences, Clock clock) {
    this.key = key;
    this.issuer = issuer;
    this.apiAudiences = List.copyOf(apiAudiences);
    this.clock = clock;
    if (key.made()) {
      crypto(); // a key that cannot sign is refused now, not at the first token
    }
  }

  /** The signer and verifier, waiting for a key still being made. */
  private Crypto crypto() {
    Crypto c = crypto;
    if (c == null) {
      try {
        c = new Crypto(new RSASSASigner(key.signingKey()), new RSASSAVerifier(key.signingKey().toRSAPublicKey()));
      } catch (JOSEException e) {
        throw new IllegalStateException("the service-account key cannot sign: " + e.getMessage(), e);
      }
      crypto = c;
    }
    return c;
  }

  /** Tokens of {@link #DEFAULT_ISSUER}, the API server's one audience, on the system clock. */
  public ServiceAccountTokens(ServiceAccountKey key) {
    this(key, DEFAULT_ISSUER, List.of(DEFAULT_ISSUER), Clock.systemUTC());
  }

  public String issuer() {
    return issuer;
  }

  public List<String> apiAudiences() {
    return apiAudiences;
  }

  public ServiceAccountKey key() {
    return key;
  }

  /** The current time, seconds precision, as the claims hold it. */
  public Instant now() {
    return Instant.ofEpochSecond(clock.instant().getEpochSecond());
  }

  /** The signed token of these claims. */
  public String sign(ServiceAccountClaims c) {
    ObjectNode claims = Json.MAPPER.createObjectNode();
    ArrayNode aud = claims.putArray("aud");
    c.audiences().forEach(aud::add);
    claims.put("exp", c.expiry().getEpochSecond());
    claims.put("iat", c.issuedAt().getEpochSecond());
    claims.put("iss", issuer);
    ObjectNode k = claims.putObject(PRIVATE);
    k.put("namespace", c.namespace());
    if (c.pod() != null) {
      ref(k.putObject("pod"), c.pod());
    } else if (c.secret() != null) {
      ref(k.putObject("secret"), c.secret());
    }
    ref(k.putObject("serviceaccount"), new ServiceAccountClaims.Ref(c.name(), c.uid()));
    claims.put("nbf", c.issuedAt().getEpochSecond());
    claims.put("sub", c.subject());
    JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyId()).build(),
        new Payload(Json.bytes(claims)));
    try {
      jws.sign(crypto().signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a service-account token: " + e.getMessage(), e);
    }
    return jws.serialize();
  }

  private static void ref(ObjectNode o, ServiceAccountClaims.Ref r) {
    o.put("name", r.name());
    if (!r.uid().isEmpty()) {
      o.put("uid", r.uid());
    }
  }

  /**
   * The claims of a token of ours that is valid now for the API server; empty for anything
   * else (not a JWS, another signer or issuer, no API audience, expired or not yet valid,
   * claims that do not name an account).
   */
  public Optional<ServiceAccountClaims> verify(String token) {
    // A key still being made has signed nothing yet.
    if (token == null || token.chars().filter(ch -> ch == '.').count() != 2 || !key.made()) {
      return Optional.empty();
    }
    JsonNode claims;
    try {
      JWSObject jws = JWSObject.parse(token);
      if (!JWSAlgorithm.RS256.equals(jws.getHeader().getAlgorithm()) || !jws.verify(crypto().verifier())) {
        return Optional.empty();
      }
      claims = Json.MAPPER.readTree(jws.getPayload().toBytes());
    } catch (ParseException | JOSEException | java.io.IOException | IllegalStateException e) {
      return Optional.empty();
    }
    if (claims == null || !claims.isObject() || !issuer.equals(claims.path("iss").asText(null))) {
      return Optional.empty();
    }
    List<String> audiences = audiences(claims.get("aud"));
    if (audiences.stream().noneMatch(apiAudiences::contains)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    JsonNode exp = claims.get("exp");
    if (exp == null || !exp.canConvertToLong() || now.minus(LEEWAY).isAfter(Instant.ofEpochSecond(exp.asLong()))) {
      return Optional.empty();
    }
    JsonNode nbf = claims.get("nbf");
    if (nbf != null && (!nbf.canConvertToLong() || now.plus(LEEWAY).isBefore(Instant.ofEpochSecond(nbf.asLong())))) {
      return Optional.empty();
    }
    JsonNode iat = claims.get("iat");
    if (iat != null && (!iat.canConvertToLong() || now.plus(LEEWAY).isBefore(Instant.ofEpochSecond(iat.asLong())))) {
      return Optional.empty();
    }
    return claims(claims, audiences, iat == null ? null : Instant.ofEpochSecond(iat.asLong()),
        Instant.ofEpochSecond(exp.asLong()));
  }

  /** kube's private claims, consistent with the subject. */
  private static Optional<ServiceAccountClaims> claims(JsonNode claims, List<String> audiences, Instant iat,
      Instant exp) {
    JsonNode k = claims.path(PRIVATE);
    String namespace = k.path("namespace").asText("");
    String name = k.path("serviceaccount").path("name").asText("");
    String uid = k.path("serviceaccount").path("uid").asText("");
    if (namespace.isEmpty() || name.isEmpty() || uid.isEmpty()) {
      return Optional.empty();
    }
    ServiceAccountClaims.Ref pod = boundRef(k.get("pod"));
    ServiceAccountClaims.Ref secret = boundRef(k.get("secret"));
    ServiceAccountClaims c = new ServiceAccountClaims(namespace, name, uid, audiences, iat, exp, pod, secret);
    if (!c.subject().equals(claims.path("sub").asText(""))) {
      return Optional.empty();
    }
    return Optional.of(c);
  }

  private static ServiceAccountClaims.Ref boundRef(JsonNode r) {
    return r == null || !r.isObject() || r.path("name").asText("").isEmpty() ? null
        : new ServiceAccountClaims.Ref(r.path("name").asText(), r.path("uid").asText(""));
  }

  /** A JWT's {@code aud}: a string or an array of strings. */
  private static List<String> audiences(JsonNode aud) {
    List<String> out = new ArrayList<>();
    if (aud != null && aud.isTextual()) {
      out.add(aud.asText());
    } else if (aud != null && aud.isArray()) {
      aud.forEach(a -> {
        if (a.isTextual()) {
          out.add(a.asText());
        }
      });
    }
    return out;
  }
}
