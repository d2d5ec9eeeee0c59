package io.logplane.controllers.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Indexes;
import io.logplane.controllers.workload.Owners;
import io.logplane.controllers.workload.Pods;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The pods and sets of a namespace as the ReplicaSet controller reads them from the shared caches. */
final class WorkloadPods {

  static final String PODS = "core/pods/";
  private static final String NAMESPACE = Indexes.NAMESPACE;

  private final Informer pods;
  private final Informer sets;

  WorkloadPods(Informers informers, ReplicaSetKind kind) {
    this.pods = Indexes.byNamespace(informers.informer(PODS));
    this.sets = Indexes.byNamespace(informers.informer(kind.prefix()));
  }

  /** The active pods of a namespace. */
  List<ObjectNode> activeIn(String namespace) {
    List<ObjectNode> active = new ArrayList<>();
    for (ObjectNode p : pods.byIndex(NAMESPACE, namespace)) {
      if (Pods.active(p)) {
        active.add(p);
      }
    }
    return active;
  }

  /** The active pods the set controls. */
  List<ObjectNode> controlledBy(ObjectNode set) {
    String uid = Metadata.uid(set);
    return activeIn(Metadata.text(set, "namespace")).stream().filter(p -> Owners.controlledBy(p, uid)).toList();
  }

  /** The pods of every set controlled by the set's controller (its Deployment), or the set's own. */
  List<ObjectNode> related(ObjectNode set) {
    var ref = Owners.controllerRef(set);
    if (ref == null) {
      return controlledBy(set);
    }
    Set<String> siblings = new HashSet<>();
    for (ObjectNode s : sets.byIndex(NAMESPACE, Metadata.text(set, "namespace"))) {
      if (Owners.controlledBy(s, ref.path("uid").asText())) {
        siblings.add(Metadata.uid(s));
      }
    }
    List<ObjectNode> related = new ArrayList<>();
    for (ObjectNode p : activeIn(Metadata.text(set, "namespace"))) {
      var podRef = Owners.controllerRef(p);
      if (podRef != null && siblings.contains(podRef.path("uid").asText())) {
        related.add(p);
      }
    }
    return related;
  }

  /** Deletes the pods at once; one already gone is no failure. */
  void delete(ObjectWriter writer, List<ObjectNode> victims) throws InterruptedException, ExecutionException {
    List<CompletableFuture<ObjectNode>> writes = new ArrayList<>();
    for (ObjectNode p : victims) {
      Key key = new Key("core", "pods", Metadata.text(p, "namespace"), Metadata.text(p, "name"));
      writes.add(writer.delete(key, Metadata.uid(p), null));
    }
    ExecutionException failed = null;
    for (CompletableFuture<ObjectNode> w : writes) {
      try {
        w.get();
      } catch (ExecutionException e) {
        boolean gone = e.getCause() instanceof WriteRefused r && r.reason() == Reason.NOT_FOUND;
        failed = failed != null || gone ? failed : e;
      }
    }
    if (failed != null) {
      throw failed;
    }
  }
}
