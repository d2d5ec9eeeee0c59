package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Owners;
import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import java.util.List;

/**
 * Which Deployment a change to a pod concerns: its set's controller, when that Deployment
 * recreates (it waits for the old pods to be gone). Run on the applying thread: cache reads only.
 */
final class Watchers {

  private final Informer deployments;
  private final Informer sets;

  Watchers(Informer deployments, Informer sets) {
    this.deployments = deployments;
    this.sets = sets;
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
