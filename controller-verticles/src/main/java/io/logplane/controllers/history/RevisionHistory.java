package io.logplane.controllers.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Dependents;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The ControllerRevisions of one kind of owner: read from the shared cache by their controlling
 * owner's uid, written through the owner controller's writer. Each write waits for its outcome,
 * so the cache the next step reads holds it (what kube's expectations are for).
 */
public final class RevisionHistory {

  public static final String PREFIX = "apps/controllerrevisions/";

  private final Informer revisions;
  private final Dependents dependents;
  private final ObjectWriter writer;

  public RevisionHistory(Informers informers, ObjectWriter writer) {
    this.revisions = informers.informer(PREFIX);
    this.dependents = new Dependents(revisions);
    this.writer = writer;
  }

  /** The owner's revisions, oldest number first. */
  public List<ObjectNode> of(JsonNode owner) {
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode r : dependents.controlledBy(Metadata.uid(owner))) {
      if (Metadata.text(owner, "namespace").equals(Metadata.text(r, "namespace"))) {
        found.add(r);
      }
    }
    found.sort(Revisions.BY_NUMBER.thenComparing(r -> Metadata.text(r, "name")));
    return found;
  }

  /** The revisions the owner may claim: its own and the orphans of its namespace. */
  public List<ObjectNode> candidates(JsonNode owner) {
    return dependents.candidates(owner);
  }

  /** The revisions of the owner's namespace without a controller. */
  public List<ObjectNode> orphans(JsonNode owner) {
    return dependents.orphansIn(Metadata.text(owner, "namespace"));
  }

  /**
   * Creates a revision of the owner's template; when another template holds its name already the
   * collision count goes up by one and the name is taken again ({@code CreateControllerRevision}).
   * An equal revision already there is answered as it is.
   */
  public ObjectNode create(JsonNode owner, String kind, String hashLabel, long number, int[] collisions) {
    while (true) {
      ObjectNode r = Revisions.revision(owner, kind, hashLabel, number, collisions[0]);
      Key key = key(r);
      try {
        return writer.create(key, r).join();
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof WriteRefused w) || w.reason() != Reason.ALREADY_EXISTS) {
          throw e;
        }
        ObjectNode there = revisions.get(key.toString());
        if (there != null && Revisions.sameData(there.path("data"), r.path("data"))) {
          return there;
        }
        collisions[0]++;
      }
    }
  }

  /** The revision renumbered (a template used again becomes the newest). */
  public ObjectNode renumber(ObjectNode revision, long number) {
    ObjectNode next = revision.deepCopy().put("revision", number);
    return writer.update(key(revision), next).join();
  }

  public void delete(JsonNode revision) {
    writer.delete(key(revision), Metadata.uid(revision), null).join();
  }

  private static Key key(JsonNode r) {
    return new Key("apps", "controllerrevisions", Metadata.text(r, "namespace"), Metadata.text(r, "name"));
  }
}
