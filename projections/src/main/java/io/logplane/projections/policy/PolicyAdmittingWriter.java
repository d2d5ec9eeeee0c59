package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The writer of an in-process controller, held to the ValidatingAdmissionPolicies as kube's
 * controllers are by the API server they write through: a create, an update, a status update or
 * a delete that a policy's Deny binding refuses fails with kube's message (which the controller
 * records, as its {@code FailedCreate} Event for a pod). Its Warn bindings' warnings go nowhere,
 * as a controller's go to its log only in kube. A bind and a scale pass as they are.
 */
public final class PolicyAdmittingWriter implements ObjectWriter {

  private final ObjectWriter writer;
  private final AdmissionPolicies policies;
  private final Attributes.UserInfo user;
  private final Function<String, JsonNode> stored;

  /**
   * @param user   the controller's identity
   * @param stored the current objects by key, for the old object of an update or a delete
   */
  public PolicyAdmittingWriter(ObjectWriter writer, AdmissionPolicies policies, Attributes.UserInfo user,
      Function<String, JsonNode> stored) {
    this.writer = writer;
    this.policies = policies;
    this.user = user;
    this.stored = stored;
  }

  @Override
  public CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
    return refused("CREATE", key, "", object, null).orElseGet(() -> writer.create(key, object));
  }

  @Override
  public CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
    return refused("UPDATE", key, "", object, old(key)).orElseGet(() -> writer.update(key, object));
  }

  @Override
  public CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
    if (subresource.equals("binding")) {
      return writer.updateSubresource(key, subresource, object);
    }
    return refused("UPDATE", key, subresource, object, old(key))
        .orElseGet(() -> writer.updateSubresource(key, subresource, object));
  }

  @Override
  public CompletableFuture<ObjectNode> scale(Key key, ObjectNode object) {
    return writer.scale(key, object);
  }

  @Override
  public CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
    return refused("DELETE", key, "", null, old(key)).orElseGet(() -> writer.delete(key, uid, propagation));
  }

  private JsonNode old(Key key) {
    return policies.active() ? stored.apply(key.group() + "/" + key.resource() + "/" + key.namespace() + "/"
        + key.name()) : null;
  }

  private java.util.Optional<CompletableFuture<ObjectNode>> refused(String operation, Key key, String subresource,
      JsonNode object, JsonNode old) {
    if (!policies.active() || (object == null && old == null)) {
      return java.util.Optional.empty();
    }
    JsonNode typed = object != null ? object : old;
    String apiVersion = typed.path("apiVersion").asText("");
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    String group = key.group().equals("core") ? "" : key.group();
    String namespace = !key.namespace().isEmpty() ? key.namespace()
        : group.isEmpty() && key.resource().equals("namespaces") && !operation.equals("CREATE") ? key.name() : "";
    String name = key.name().isEmpty() && object != null ? Metadata.text((ObjectNode) object, "name") : key.name();
    Attributes a = new Attributes(operation, new Attributes.GroupVersionResource(group, version, key.resource()),
        subresource, new Attributes.GroupVersionKind(group, version, typed.path("kind").asText("")), namespace,
        name == null ? "" : name, object, old, user, false, null);
    PolicyDecision.Deny deny = policies.decide(a).deny();
    if (deny == null) {
      return java.util.Optional.empty();
    }
    Reason reason = switch (deny.code()) {
      case 403 -> Reason.FORBIDDEN;
      default -> Reason.INVALID;
    };
    return java.util.Optional.of(CompletableFuture.failedFuture(new WriteRefused(reason, deny.message())));
  }
}
