package io.logplane.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kube's bootstrap token authenticator: a bearer token {@code <id>.<secret>} is the user
 * {@code system:bootstrap:<id>} in {@code system:bootstrappers} (and the token's
 * {@code auth-extra-groups}) while the Secret {@code kube-system/bootstrap-token-<id>} of type
 * {@code bootstrap.kubernetes.io/token} holds that secret, allows authentication, is not expired
 * and is not being deleted. The Secret is read from the local state, its values unsealed, as kube
 * reads its informer's cache. A joining node uses one to ask for its certificate.
 */
public final class BootstrapTokenAuthenticator {

  public static final String TYPE = "bootstrap.kubernetes.io/token";
  public static final String GROUP = "system:bootstrappers";
  public static final String SECRET_PREFIX = "bootstrap-token-";
  private static final Pattern TOKEN = Pattern.compile("([a-z0-9]{6})\\.([a-z0-9]{16})");
  private static final Pattern EXTRA_GROUP = Pattern.compile("system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]");

  private final Function<String, JsonNode> secrets;
  private final Clock clock;

  /** @param secrets a Secret by store key, its values unsealed; null when there is none */
  public BootstrapTokenAuthenticator(Function<String, JsonNode> secrets, Clock clock) {
    this.secrets = secrets;
    this.clock = clock;
  }

  public Optional<User> authenticate(String token) {
    Matcher m = TOKEN.matcher(token);
    if (!m.matches()) {
      return Optional.empty();
    }
    String id = m.group(1);
    JsonNode secret = secrets.apply("core/secrets/kube-system/" + SECRET_PREFIX + id);
    if (secret == null || !TYPE.equals(secret.path("type").asText())
        || secret.path("metadata").hasNonNull("deletionTimestamp")) {
      return Optional.empty();
    }
    JsonNode data = secret.path("data");
    if (!id.equals(value(data, "token-id"))
        || !MessageDigest.isEqual(m.group(2).getBytes(StandardCharsets.UTF_8),
            value(data, "token-secret").getBytes(StandardCharsets.UTF_8))
        || !"true".equals(value(data, "usage-bootstrap-authentication")) || expired(value(data, "expiration"))) {
      return Optional.empty();
    }
    List<String> groups = new ArrayList<>(List.of(GROUP));
    String extra = value(data, "auth-extra-groups");
    if (!extra.isEmpty()) {
      for (String g : extra.split(",")) {
        String group = g.strip();
        if (!EXTRA_GROUP.matcher(group).matches()) {
          return Optional.empty(); // kube refuses a token whose extra groups are malformed
        }
        if (!groups.contains(group)) {
          groups.add(group);
        }
      }
    }
    groups.add("system:authenticated");
    return Optional.of(new User("system:bootstrap:" + id, groups));
  }

  private boolean expired(String expiration) {
    if (expiration.isEmpty()) {
      return false;
    }
    try {
      return !clock.instant().isBefore(Instant.parse(expiration));
    } catch (DateTimeParseException e) {
      return true; // an expiration that does not parse is taken as past, as kube does
    }
  }

  private static String value(JsonNode data, String key) {
    JsonNode v = data.get(key);
    if (v == null || !v.isTextual()) {
      return "";
    }
    try {
      return new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
