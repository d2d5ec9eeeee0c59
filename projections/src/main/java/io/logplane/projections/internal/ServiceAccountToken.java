package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.Outcome;
import io.logplane.projections.Reason;
import java.util.List;

/**
 * The {@code token} subresource of a ServiceAccount, as kube-apiserver's TokenREST decides a
 * TokenRequest: an Update of the account whose object is the authentication.k8s.io/v1
 * TokenRequest (without a token: the API server signs one once the request is accepted, and
 * nothing secret enters the log). The account must exist; a bound Pod must exist and run as
 * the account, a bound Secret must exist, and a uid in the reference must be the object's.
 * Accepted, it changes nothing: a TokenRequest is not an object, and the record is the audit
 * trail's entry of who was issued a token for what, decided in the log's order like every write.
 */
public final class ServiceAccountToken {

  /** The subresource name of an Update that requests a token. */
  public static final String SUBRESOURCE = "token";

  private ServiceAccountToken() {}

  public static Outcome apply(Tx tx, Command.Update u) {
    Key key = Key.parse(u.key());
    if (!key.group().equals("core") || !key.resource().equals("serviceaccounts")) {
      return new Outcome.Rejected(Reason.BAD_REQUEST, "only serviceaccounts have a token subresource, not "
          + key.qualifiedResource());
    }
    ObjectNode account = tx.get(u.key());
    if (account == null) {
      return new Outcome.Rejected(Reason.NOT_FOUND, "serviceaccounts \"" + key.name() + "\" not found");
    }
    JsonNode ref = u.object().path("spec").path("boundObjectRef");
    if (ref.isObject()) {
      Outcome.Rejected refused = bound(tx, key, ref);
      if (refused != null) {
        return refused;
      }
    }
    return new Outcome.Accepted(account, List.of());
  }

  private static Outcome.Rejected bound(Tx tx, Key account, JsonNode ref) {
    String kind = ref.path("kind").asText("");
    String name = ref.path("name").asText("");
    String resource = switch (kind) {
      case "Pod" -> "pods";
      case "Secret" -> "secrets";
      default -> null;
    };
    String apiVersion = ref.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    if (resource == null || !group.isEmpty()) {
      // As Go prints a GroupVersionKind.
      return new Outcome.Rejected(Reason.BAD_REQUEST, "cannot bind token to object of type " + group + "/"
          + apiVersion.substring(slash + 1) + ", Kind=" + kind);
    }
    ObjectNode object = tx.get("core/" + resource + "/" + account.namespace() + "/" + name);
    if (object == null) {
      return new Outcome.Rejected(Reason.NOT_FOUND, resource + " \"" + name + "\" not found");
    }
    if (kind.equals("Pod") && !account.name().equals(object.path("spec").path("serviceAccountName").asText(""))) {
      return new Outcome.Rejected(Reason.BAD_REQUEST, "cannot bind token for serviceaccount \"" + account.name()
          + "\" to pod running with different serviceaccount name.");
    }
    String uid = ref.path("uid").asText("");
    if (!uid.isEmpty() && !uid.equals(Metadata.uid(object))) {
      return new Outcome.Rejected(Reason.CONFLICT, "Operation cannot be fulfilled on " + kind + " \"" + name
          + "\": the UID in the bound object reference (" + uid + ") does not match the UID in record. The object"
          + " might have been deleted and then recreated");
    }
    return null;
  }
}
