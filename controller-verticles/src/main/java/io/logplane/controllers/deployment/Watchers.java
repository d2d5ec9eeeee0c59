package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Indexes;
import io.logplane.controllers.workload.Owners;
import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import io.logplane.selectors.LabelSelector;
import io.logplane.selectors.SelectorException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which Deployments a change concerns: a set's controller, or for an orphan set every Deployment
 * selecting it (it may adopt it); a pod's set's controller, when that Deployment recreates (it
 * waits for the old pods to be gone). Run on the applying thread: cache reads only.
 */
final class Watchers {

  private final Informer deployments;
  private final Informer sets;

  Watchers(Informer deployments, Informer sets) {
    this.deployments = deployments;
    this.sets = sets;
  }

  List<String> ofSet(ObjectNode rs) {
    String ns = Metadata.text(rs, "namespace");
    String owner = Owners.controllerName(rs, "Deployment");
    if (owner != null) {
      return List.of(DeploymentController.DEPLOYMENTS + ns + "/" + owner);
    }
    if (Owners.controllerRef(rs) != null) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (ObjectNode d : deployments.byIndex(Indexes.NAMESPACE, ns)) {
      try {
        LabelSelector s = LabelSelector.fromJson(d.path("spec").path("selector"));
        if (!s.isEverything() && s.matches(rs.path("metadata").path("labels"))) {
          keys.add(DeploymentController.DEPLOYMENTS + ns + "/" + Metadata.text(d, "name"));
        }
      } catch (SelectorException e) {
        // Its own pass reports the bad selector.
      }
    }
    return keys;
  }

  List<String> ofPod(ObjectNode pod) {
    String ns = Metadata.text(pod, "namespace");
    String set = Owners.controllerName(pod, "ReplicaSet");
    ObjectNode rs = set == null ? null : sets.get(DeploymentController.SETS + ns + "/" + set);
    String owner = rs == null ? null : Owners.controllerName(rs, "Deployment");
    ObjectNode d = owner == null ? null : deployments.get(DeploymentController.DEPLOYMENTS + ns + "/" + owner);
    if (d == null || !d.path("spec").path("strategy").path("type").asText().equals("Recreate")) {
      return List.of();
    }
    return List.of(DeploymentController.DEPLOYMENTS + ns + "/" + owner);
  }
}
