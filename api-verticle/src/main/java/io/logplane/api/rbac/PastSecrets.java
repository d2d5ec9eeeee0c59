package io.logplane.api.rbac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.admission.Redaction;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.User;
import io.logplane.events.Command;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import io.logplane.projections.Proposals;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Past values of Secrets: time travel ({@code resourceVersionMatch=Exact}) would hand a Secret's
 * earlier, since-rotated values to anyone who may read the Secret now. A rotated credential
 * should stay dead: a Secret read at a past version is served without its values (their
 * fingerprint in {@link Redaction#WITHHELD}), unless the caller may {@code unseal} it, a verb of
 * Logplane's own that no bootstrap role but cluster-admin ({@code *}) holds. Each read that
 * unseals a past value is a record of the log (a {@link Command.Read}), so the audit trail shows
 * who read which Secret at which version, and a line of the server's log.
 */
public final class PastSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(PastSecrets.class);
  static final String VERB = "unseal";
  /** The audit annotation naming the version whose values were read. */
  public static final String READ_VERSION = "logplane.io/unsealed-resource-version";

  private final Authorizer authorizer;
  private final Proposals proposals;

  /** @param proposals where the audit records of unsealed reads are appended (null: none, for tests) */
  public PastSecrets(Authorizer authorizer, Proposals proposals) {
    this.authorizer = authorizer;
    this.proposals = proposals;
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
      if (proposals != null) {
        Command.Meta meta = new Command.Meta(user.name(), UUID.randomUUID().toString(), System.currentTimeMillis(),
            "get", null, Map.of(READ_VERSION, Long.toString(at)));
        proposals.propose(new Command.Read(meta, "core/secrets/" + namespace + "/" + name, at))
            .whenComplete((applied, e) -> {
              if (e != null) {
                LOG.warn("the audit record of {}'s read of secret {}/{} was not appended: {}", user.name(),
                    namespace, name, e.toString());
              }
            });
      }
      return stored;
    }
    return Json.bytes(Redaction.withhold(secret));
  }
}
