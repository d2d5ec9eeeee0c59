package io.logplane.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * kube-apiserver's service-account token authenticator: a token {@link ServiceAccountTokens}
 * verifies is its account's only while the account, and the pod or secret the token is bound
 * to, still exist with the uids the token names, read from the current state. Deleting any of
 * them invalidates the token at once; one deleted gracefully stays usable for a minute after
 * its {@code deletionTimestamp}, as kube allows a pod's containers to finish with it.
 *
 * <p>The user is kube's: {@code system:serviceaccount:NS:NAME}, the account's uid, the groups
 * {@code system:serviceaccounts}, {@code system:serviceaccounts:NS} and
 * {@code system:authenticated}, and for a token bound to a pod the extra values
 * {@code authentication.kubernetes.io/pod-name} and {@code pod-uid}.
 */
public final class ServiceAccountAuthenticator {

  public static final String POD_NAME = "authentication.kubernetes.io/pod-name";
  public static final String POD_UID = "authentication.kubernetes.io/pod-uid";
  private static final Duration DELETED_GRACE = Duration.ofMinutes(1);

  private final ServiceAccountTokens tokens;
  private final Function<String, JsonNode> objects;

  /**
   * @param objects the current object of a storage key ({@code core/pods/NS/NAME}), or null;
   *                called on the request's thread, so it must be a fast local read
   */
  public ServiceAccountAuthenticator(ServiceAccountTokens tokens, Function<String, JsonNode> objects) {
    this.tokens = tokens;
    this.objects = objects;
  }

  public ServiceAccountTokens tokens() {
    return tokens;
  }

  /** The account's user of a valid token whose objects still exist; empty otherwise. */
  public Optional<User> authenticate(String token) {
    Optional<ServiceAccountClaims> verified = tokens.verify(token);
    if (verified.isEmpty()) {
      return Optional.empty();
    }
    ServiceAccountClaims c = verified.get();
    Instant now = tokens.now();
    if (!current("serviceaccounts", c.namespace(), new ServiceAccountClaims.Ref(c.name(), c.uid()), now)
        || (c.pod() != null && !current("pods", c.namespace(), c.pod(), now))
        || (c.secret() != null && !current("secrets", c.namespace(), c.secret(), now))) {
      return Optional.empty();
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    if (c.pod() != null) {
      extra.put(POD_NAME, List.of(c.pod().name()));
      extra.put(POD_UID, List.of(c.pod().uid()));
    }
    return Optional.of(new User(c.subject(), List.of("system:serviceaccounts",
        "system:serviceaccounts:" + c.namespace(), "system:authenticated"), c.uid(), extra));
  }

  private boolean current(String resource, String namespace, ServiceAccountClaims.Ref ref, Instant now) {
    JsonNode object = objects.apply("core/" + resource + "/" + namespace + "/" + ref.name());
    if (object == null || ref.uid().isEmpty() || !ref.uid().equals(object.path("metadata").path("uid").asText())) {
      return false;
    }
    String deleted = object.path("metadata").path("deletionTimestamp").asText("");
    if (deleted.isEmpty()) {
      return true;
    }
    try {
      return !Instant.parse(deleted).isBefore(now.minus(DELETED_GRACE));
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
