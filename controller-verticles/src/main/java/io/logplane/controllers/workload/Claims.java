package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import io.logplane.selectors.LabelSelector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Adoption and release of dependents by selector, as kube's {@code ControllerRefManager}: an
 * owner keeps what it controls and still matches, adopts orphans it matches (not while it or the
 * orphan is being deleted), and releases what it controls but no longer matches (not while it is
 * being deleted). Before its first adoption of a pass it reads itself again from its cache, which
 * holds every write applied so far, and adopts nothing when it is gone, replaced by another of
 * its name (another uid) or being deleted since the pass began ({@code RecheckDeletionTimestamp}):
 * the change that shows it wakes the owner again. Each adoption or release is one update at the
 * dependent's resourceVersion; one lost to a race fails the reconcile, which is retried from the
 * state then; a dependent gone meanwhile is no failure.
 */
public final class Claims {

  private final ObjectWriter writer;
  private final String group;
  private final String resource;
  private final Informer owners;
  private final String finalizer;

  /**
   * Claims dependents of the kind {@code group/resource} ({@code core/pods}) for owners read
   * again from {@code owners}; an adopted dependent gets the finalizer (when not null) and a
   * released one loses it, as the Job controller's tracking finalizer.
   */
  public Claims(ObjectWriter writer, String group, String resource, Informer owners, String finalizer) {
    this.writer = writer;
    this.group = group;
    this.resource = resource;
    this.owners = owners;
    this.finalizer = finalizer;
  }

  public Claims(ObjectWriter writer, String group, String resource, Informer owners) {
    this(writer, group, resource, owners, null);
  }

  /** The dependents owner controls once claimed by selector, out of the candidates of its namespace. */
  public List<ObjectNode> claim(ObjectNode owner, ObjectNode controllerRef, LabelSelector selector,
      List<ObjectNode> candidates) throws InterruptedException, ExecutionException {
    return claim(owner, controllerRef, o -> selector.matches(o.path("metadata").path("labels")), candidates);
  }

  /**
   * The dependents owner controls once claimed by {@code match} (its selector and what else it
   * asks of a dependent, as a StatefulSet its pods' names), out of the candidates.
   */
  public List<ObjectNode> claim(ObjectNode owner, ObjectNode controllerRef, Predicate<JsonNode> match,
      List<ObjectNode> candidates) throws InterruptedException, ExecutionException {
    String uid = Metadata.uid(owner);
    String ns = Metadata.text(owner, "namespace");
    boolean ownerDeleting = Metadata.terminating(owner);
    Boolean canAdopt = null;
    List<ObjectNode> claimed = new ArrayList<>();
    for (ObjectNode o : candidates) {
      JsonNode ref = Owners.controllerRef(o);
      boolean matches = match.test(o);
      if (ref != null && uid.equals(ref.path("uid").asText())) {
        if (matches) {
          claimed.add(o);
        } else if (!ownerDeleting) {
          write(release(o, uid));
        }
      } else if (ref == null && matches && !ownerDeleting && !Metadata.terminating(o)
          && ns.equals(Metadata.text(o, "namespace"))) {
        if (canAdopt == null) {
          canAdopt = stillCurrent(owner);
        }
        ObjectNode adopted = canAdopt ? write(adopt(o, controllerRef)) : null;
        if (adopted != null) {
          claimed.add(adopted);
        }
      }
    }
    return claimed;
  }

  private boolean stillCurrent(ObjectNode owner) {
    ObjectNode now = owners.get(owners.prefix() + Metadata.text(owner, "namespace") + "/" + Metadata.text(owner, "name"));
    return now != null && Metadata.uid(owner).equals(Metadata.uid(now)) && !Metadata.terminating(now);
  }

  private ObjectNode adopt(ObjectNode o, ObjectNode controllerRef) {
    ObjectNode copy = o.deepCopy();
    JsonNode refs = Metadata.of(copy).get("ownerReferences");
    (refs instanceof ArrayNode a ? a : Metadata.of(copy).putArray("ownerReferences")).add(controllerRef);
    if (finalizer != null) {
      Metadata.addFinalizer(copy, finalizer);
    }
    return copy;
  }

  private ObjectNode release(ObjectNode o, String ownerUid) {
    ObjectNode copy = o.deepCopy();
    removeAll(copy, "ownerReferences", n -> ownerUid.equals(n.path("uid").asText()));
    if (finalizer != null) {
      removeAll(copy, "finalizers", n -> finalizer.equals(n.asText()));
    }
    return copy;
  }

  private static void removeAll(ObjectNode o, String field, Predicate<JsonNode> which) {
    if (Metadata.of(o).get(field) instanceof ArrayNode items) {
      for (Iterator<JsonNode> it = items.iterator(); it.hasNext();) {
        if (which.test(it.next())) {
          it.remove();
        }
      }
      if (items.isEmpty()) {
        Metadata.of(o).remove(field);
      }
    }
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
