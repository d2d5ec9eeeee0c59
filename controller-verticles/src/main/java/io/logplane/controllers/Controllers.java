package io.logplane.controllers;

import io.logplane.controllers.deployment.DeploymentController;
import io.logplane.controllers.replicaset.ReplicaSetController;
import io.logplane.controllers.replicaset.ReplicaSetKind;
import io.logplane.controllers.daemonset.DaemonSetController;
import io.logplane.controllers.disruption.DisruptionController;
import io.logplane.controllers.cronjob.CronJobController;
import io.logplane.controllers.endpoints.EndpointSliceController;
import io.logplane.controllers.endpoints.EndpointsController;
import io.logplane.controllers.job.JobController;
import io.logplane.controllers.job.TtlAfterFinishedController;
import io.logplane.controllers.nodelifecycle.NodeLifecycleController;
import io.logplane.controllers.nodeipam.NodeIpamController;
import io.logplane.controllers.resourcequota.ResourceQuotaController;
import io.logplane.controllers.podautoscaler.HorizontalController;
import io.logplane.controllers.serviceaccount.ServiceAccountController;
import io.logplane.controllers.servicelb.ServiceLoadBalancerController;
import io.logplane.controllers.statefulset.StatefulSetController;
import io.logplane.controllers.rbac.ClusterRoleAggregationController;
import io.logplane.controllers.volume.PersistentVolumeController;
import io.logplane.projections.ClusterNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * Every controller of kube-controller-manager's role that Logplane runs: one registration line
 * each. The launcher deploys one {@link ControllerVerticle} per entry.
 */
public final class Controllers {

  private Controllers() {}

  /** Every controller, the node IPAM one over kubeadm's default cluster CIDR. */
  public static List<Controller> all(ControllerContext ctx) {
    return all(ctx, ClusterNetwork.DEFAULT);
  }

  /** Every controller; the node IPAM one hands out pod CIDRs of the network's cluster CIDR. */
  public static List<Controller> all(ControllerContext ctx, ClusterNetwork network) {
    return all(ctx, network, ServiceLoadBalancerController.DEFAULT_POOL);
  }

  /**
   * Every controller; the node IPAM one hands out pod CIDRs of the network's cluster CIDR, the
   * load-balancer one addresses of {@code loadBalancerPool}.
   */
  public static List<Controller> all(ControllerContext ctx, ClusterNetwork network, String loadBalancerPool) {
    List<Controller> all = new ArrayList<>(List.of(
        NamespaceController.controller(ctx),
        ServiceAccountController.controller(ctx),
        EndpointsController.controller(ctx),
        EndpointSliceController.controller(ctx),
        ServiceLoadBalancerController.controller(ctx, loadBalancerPool),
        NodeLifecycleController.controller(ctx),
        NodeIpamController.controller(ctx, network),
        ReplicaSetController.controller(ctx, ReplicaSetKind.REPLICA_SET),
        ReplicaSetController.controller(ctx, ReplicaSetKind.REPLICATION_CONTROLLER),
        DeploymentController.controller(ctx),
        DaemonSetController.controller(ctx),
        StatefulSetController.controller(ctx),
        ResourceQuotaController.controller(ctx),
        DisruptionController.controller(ctx),
        JobController.controller(ctx),
        TtlAfterFinishedController.controller(ctx),
        CronJobController.controller(ctx),
        HorizontalController.controller(ctx),
        ClusterRoleAggregationController.controller(ctx)));
    all.addAll(PersistentVolumeController.controllers(ctx));
    return List.copyOf(all);
  }
}
