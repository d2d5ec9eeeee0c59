package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of one kind (pods, ControllerRevisions) as owners claim them, read from the shared
 * cache: by the uid of their controlling owner, and the orphans (no controller) of a namespace.
 * What an owner may claim is the union of the two: kube lists the whole namespace, but the
 * objects another controller holds are never claimed, so they need not be read.
 */
public final class Dependents {

  private static final String INDEX = "workload.controller";
  private static final String ORPHAN = "orphan/";

  private final Informer informer;

  public Dependents(Informer informer) {
    this.informer = informer;
    informer.addIndex(INDEX, o -> {
      JsonNode ref = Owners.controllerRef(o);
      return List.of(ref == null ? ORPHAN + Metadata.text(o, "namespace") : ref.path("uid").asText());
    });
  }

  /** The objects whose controller is the owner of that uid. */
  public List<ObjectNode> controlledBy(String ownerUid) {
    return informer.byIndex(INDEX, ownerUid);
  }

  /** The objects of the namespace without a controller. */
  public List<ObjectNode> orphansIn(String namespace) {
    return informer.byIndex(INDEX, ORPHAN + namespace);
  }

  /** What the owner may claim: what it controls and the orphans of its namespace. */
  public List<ObjectNode> candidates(JsonNode owner) {
    List<ObjectNode> all = new ArrayList<>(controlledBy(Metadata.uid(owner)));
    all.addAll(orphansIn(Metadata.text(owner, "namespace")));
    return all;
  }
}
