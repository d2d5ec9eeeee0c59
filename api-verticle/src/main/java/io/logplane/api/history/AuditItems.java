package io.logplane.api.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Audit;
import io.logplane.projections.Json;
import io.logplane.projections.Key;

/**
 * One log record's audit entry, as an {@code AuditEvent} item of this group and as a
 * Kubernetes {@code audit.k8s.io/v1 Event} (level Metadata, stage ResponseComplete), the form
 * audit tooling reads. Entries hold no object, so nothing here can carry a Secret's value.
 */
public final class AuditItems {

  private AuditItems() {}

  /** The {@code AuditEvent} item; its name is the record's offset. */
  public static ObjectNode item(Audit a) {
    Key k = key(a);
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("kind", HistoryTypes.AUDIT_EVENTS.kind()).put("apiVersion", HistoryTypes.API_VERSION);
    item.putObject("metadata").put("name", Long.toString(a.offset())).put("resourceVersion", Long.toString(a.offset()))
        .put("creationTimestamp", Times.seconds(a.time()));
    item.put("time", Times.millis(a.time())).put("user", a.actor()).put("verb", a.verb())
        .put("requestId", a.requestId());
    ObjectNode ref = item.putObject("objectRef");
    ref.put("group", k.group().equals("core") ? "" : k.group()).put("resource", k.resource())
        .put("namespace", k.namespace()).put("name", k.name());
    if (!a.subresource().isEmpty()) {
      ref.put("subresource", a.subresource());
    }
    item.putObject("outcome").put("accepted", a.accepted()).put("code", a.code()).put("reason", a.reason())
        .put("message", a.message());
    item.put("changes", a.changes());
    if (!a.annotations().isEmpty()) {
      ObjectNode annotations = item.putObject("annotations");
      a.annotations().forEach(annotations::put);
    }
    return item;
  }

  /**
   * The {@code audit.k8s.io/v1 Event}. The request URI is rebuilt from the verb, the key and the
   * subresource (the log keeps no URI); apply becomes kube's {@code patch}, and the log's first
   * record, which creates the cluster, a {@code create} marked {@code logplane.io/record: genesis}.
   *
   * @param type the served type of the entry's resource (for its version), or null
   */
  public static ObjectNode kubeEvent(Audit a, ResourceType type) {
    Key k = key(a);
    String verb = kubeVerb(a.verb());
    ObjectNode e = Json.MAPPER.createObjectNode();
    e.put("kind", "Event").put("apiVersion", "audit.k8s.io/v1").put("level", "Metadata")
        .put("auditID", a.requestId()).put("stage", "ResponseComplete")
        .put("requestURI", requestUri(k, type, verb, a.subresource())).put("verb", verb);
    e.putObject("user").put("username", a.actor());
    if (!k.resource().isEmpty()) {
      ObjectNode ref = e.putObject("objectRef");
      ref.put("resource", k.resource());
      if (!k.namespace().isEmpty()) {
        ref.put("namespace", k.namespace());
      }
      if (!k.name().isEmpty()) {
        ref.put("name", k.name());
      }
      if (!k.group().equals("core")) {
        ref.put("apiGroup", k.group());
      }
      ref.put("apiVersion", type == null ? "v1" : type.version());
      if (a.accepted()) {
        ref.put("resourceVersion", Long.toString(a.offset()));
      }
      if (!a.subresource().isEmpty()) {
        ref.put("subresource", a.subresource());
      }
    }
    ObjectNode status = e.putObject("responseStatus");
    status.putObject("metadata");
    if (!a.accepted()) {
      status.put("status", "Failure").put("message", a.message()).put("reason", a.reason());
    }
    status.put("code", a.code());
    e.put("requestReceivedTimestamp", Times.micros(a.time())).put("stageTimestamp", Times.micros(a.time()));
    ObjectNode annotations = e.putObject("annotations").put("logplane.io/offset", Long.toString(a.offset()));
    if (a.verb().equals("genesis")) {
      annotations.put("logplane.io/record", "genesis");
    }
    a.annotations().forEach(annotations::put);
    return e;
  }

  /**
   * kube's verb for ours: server-side apply is a patch, the genesis record (which creates the
   * cluster) a create; the rest are kube's names already.
   */
  static String kubeVerb(String verb) {
    return switch (verb) {
      case "apply" -> "patch";
      case "genesis" -> "create";
      default -> verb;
    };
  }

  static String requestUri(Key k, ResourceType type, String verb, String subresource) {
    if (k.resource().isEmpty()) {
      return "/";
    }
    String version = type == null ? "v1" : type.version();
    StringBuilder b = new StringBuilder(k.group().equals("core") ? "/api/" + version
        : "/apis/" + k.group() + "/" + version);
    if (!k.namespace().isEmpty()) {
      b.append("/namespaces/").append(k.namespace());
    }
    b.append('/').append(k.resource());
    if (!subresource.isEmpty() && !k.name().isEmpty()) {
      b.append('/').append(k.name()).append('/').append(subresource);
    } else if (!verb.equals("create") && !verb.equals("deletecollection") && !k.name().isEmpty()) {
      b.append('/').append(k.name());
    }
    return b.toString();
  }

  private static Key key(Audit a) {
    return a.key().isEmpty() ? new Key("core", "", "", "") : Key.parse(a.key());
  }
}
