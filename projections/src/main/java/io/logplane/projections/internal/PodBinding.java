package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.projections.Change;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.Outcome;
import io.logplane.projections.Reason;

/**
 * The {@code binding} subresource of a pod, as kube-apiserver's BindingREST assigns a pod: an
 * Update of the pod whose object is the v1 Binding. The Binding's uid and resourceVersion are
 * preconditions (the resourceVersion is the update's expected version); a pod being deleted or
 * bound already is refused, so of two bindings racing the first in the log wins. The pod gets
 * {@code spec.nodeName}, the Binding's annotations and the condition {@code PodScheduled=True}.
 */
public final class PodBinding {

  /** The subresource name of an Update that binds a pod. */
  public static final String SUBRESOURCE = "binding";

  private PodBinding() {}

  public static Outcome apply(Tx tx, Command.Update u) {
    Key key = Key.parse(u.key());
    if (!PodGrace.isPod(key)) {
      return new Outcome.Rejected(Reason.BAD_REQUEST, "only pods have a binding subresource, not "
          + key.qualifiedResource());
    }
    ObjectNode current = tx.get(u.key());
    if (current == null) {
      return new Outcome.Rejected(Reason.NOT_FOUND, "pods \"" + key.name() + "\" not found");
    }
    ObjectNode binding = u.object();
    String uid = Metadata.uid(binding);
    if (uid != null && !uid.isEmpty() && !uid.equals(Metadata.uid(current))) {
      return conflict("pods", key, "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
          + Metadata.uid(current));
    }
    if (u.expectedVersion() > 0 && u.expectedVersion() != Metadata.resourceVersion(current)) {
      return conflict("pods", key, "Precondition failed: ResourceVersion in precondition: " + u.expectedVersion()
          + ", ResourceVersion in object meta: " + Metadata.resourceVersion(current));
    }
    if (Metadata.terminating(current)) {
      return conflict("pods/binding", key, "pod " + key.name() + " is being deleted, cannot be assigned to a host");
    }
    String bound = current.path("spec").path("nodeName").asText("");
    if (!bound.isEmpty()) {
      return conflict("pods/binding", key, "pod " + key.name() + " is already assigned to node \"" + bound + "\"");
    }
    if (current.path("spec").path("schedulingGates").size() > 0) {
      return conflict("pods/binding", key, "pod " + key.name() + " has non-empty .spec.schedulingGates");
    }
    ObjectNode next = current.deepCopy();
    ObjectNode spec = next.get("spec") instanceof ObjectNode s ? s : next.putObject("spec");
    spec.put("nodeName", binding.path("target").path("name").asText(""));
    JsonNode annotations = binding.path("metadata").path("annotations");
    if (annotations.isObject() && !annotations.isEmpty()) {
      ObjectNode meta = Metadata.of(next);
      ObjectNode own = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
      own.setAll((ObjectNode) annotations.deepCopy());
    }
    scheduled(next, Metadata.time(u.meta().timeMillis()));
    return new Outcome.Accepted(tx.put(Change.Type.MODIFIED, u.key(), next), tx.changes());
  }

  /** Sets PodScheduled=True as podutil.UpdatePodCondition does: the transition time kept when it was True. */
  private static void scheduled(ObjectNode pod, String now) {
    ObjectNode status = pod.get("status") instanceof ObjectNode s ? s : pod.putObject("status");
    ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
    ObjectNode condition = conditions.objectNode().put("type", "PodScheduled").put("status", "True");
    condition.putNull("lastProbeTime");
    condition.put("lastTransitionTime", now);
    for (int i = 0; i < conditions.size(); i++) {
      JsonNode old = conditions.get(i);
      if ("PodScheduled".equals(old.path("type").asText())) {
        if ("True".equals(old.path("status").asText()) && old.hasNonNull("lastTransitionTime")) {
          condition.set("lastTransitionTime", old.get("lastTransitionTime"));
        }
        conditions.set(i, condition);
        return;
      }
    }
    conditions.add(condition);
  }

  private static Outcome conflict(String resource, Key key, String why) {
    return new Outcome.Rejected(Reason.CONFLICT, "Operation cannot be fulfilled on " + resource + " \"" + key.name()
        + "\": " + why);
  }
}
