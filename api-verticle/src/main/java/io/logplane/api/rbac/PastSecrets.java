package io.logplane.api.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.admission.Redaction;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.User;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Past values of Secrets: time travel ({@code resourceVersionMatch=Exact}) would hand a Secret's
 * earlier, since-rotated values to anyone who may read the Secret now. A rotated credential
 * should stay dead: a Secret read at a past version is served without its values (their
 * fingerprint in {@link Redaction#WITHHELD}), unless the caller may {@code unseal} it, a verb of
 * Logplane's own that no bootstrap role but cluster-admin ({@code *}) holds. Each read that
 * unseals a past value is written to the server's log with who read it.
 */
public final class PastSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(PastSecrets.class);
  static final String VERB = "unseal";

  private final Authorizer authorizer;

  public PastSecrets(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** The stored bytes of a Secret read at version {@code at}, as the user may see them. */
  public byte[] view(User user, byte[] stored, long at) {
    ObjectNode secret = Json.object(stored);
    String namespace = secret.path("metadata").path("namespace").asText("");
    String name = Metadata.text(secret, "name");
    boolean allowed = authorizer.authorize(user, new Authorizer.Attributes(VERB, "", "secrets", null, namespace, name,
        null)).allowed();
    if (allowed) {
      LOG.info("{} read the past values of secret {}/{} at resourceVersion {}", user.name(), namespace, name, at);
      return stored;
    }
    return Json.bytes(Redaction.withhold(secret));
  }
}
