package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.selectors.LabelSelector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Adoption and release of dependents by selector, as kube's {@code ControllerRefManager}: an
 * owner keeps what it controls and still selects, adopts orphans it selects (not while it or the
 * orphan is being deleted), and releases what it controls but no longer selects. Each adoption
 * or release is one update at the dependent's resourceVersion; one lost to a race fails the
 * reconcile, which is retried from the state then.
 */
public final class Claims {

  private final ObjectWriter writer;
  private final String group;
  private final String resource;

  /** Claims dependents of the kind {@code group/resource} ({@code core/pods}). */
  public Claims(ObjectWriter writer, String group, String resource) {
    this.writer = writer;
    this.group = group;
    this.resource = resource;
  }

  /** The dependents owner controls once claimed, out of the candidates of its namespace. */
  public List<ObjectNode> claim(ObjectNode owner, ObjectNode controllerRef, LabelSelector selector,
      List<ObjectNode> candidates) throws InterruptedException, ExecutionException {
    String uid = Metadata.uid(owner);
    boolean ownerDeleting = Metadata.terminating(owner);
    List<ObjectNode> claimed = new ArrayList<>();
    for (ObjectNode o : candidates) {
      JsonNode ref = Owners.controllerRef(o);
      boolean selected = selector.matches(o.path("metadata").path("labels"));
      if (ref != null && uid.equals(ref.path("uid").asText())) {
        if (selected) {
          claimed.add(o);
        } else if (!ownerDeleting) {
          write(release(o, uid));
        }
      } else if (ref == null && selected && !ownerDeleting && !Metadata.terminating(o)) {
        ObjectNode adopted = write(adopt(o, controllerRef));
        if (adopted != null) {
          claimed.add(adopted);
        }
      }
    }
    return claimed;
  }

  private static ObjectNode adopt(ObjectNode o, ObjectNode controllerRef) {
    ObjectNode copy = o.deepCopy();
    JsonNode refs = Metadata.of(copy).get("ownerReferences");
    (refs instanceof ArrayNode a ? a : Metadata.of(copy).putArray("ownerReferences")).add(controllerRef);
    return copy;
  }

  private static ObjectNode release(ObjectNode o, String ownerUid) {
    ObjectNode copy = o.deepCopy();
    if (Metadata.of(copy).get("ownerReferences") instanceof ArrayNode refs) {
      for (Iterator<JsonNode> it = refs.iterator(); it.hasNext();) {
        if (ownerUid.equals(it.next().path("uid").asText())) {
          it.remove();
        }
      }
      if (refs.isEmpty()) {
        Metadata.of(copy).remove("ownerReferences");
      }
    }
    return copy;
  }

  /** The object as written, or null when it is gone meanwhile (nothing to claim then). */
  private ObjectNode write(ObjectNode o) throws InterruptedException, ExecutionException {
    Key key = new Key(group, resource, Metadata.text(o, "namespace"), Metadata.text(o, "name"));
    try {
      return writer.update(key, o).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WriteRefused r && r.reason() == Reason.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }
}
