package io.logplane.controllers;

import io.logplane.controllers.cronjob.CronJobController;
import io.logplane.controllers.endpoints.EndpointSliceController;
import io.logplane.controllers.endpoints.EndpointsController;
import io.logplane.controllers.job.JobController;
import io.logplane.controllers.job.TtlAfterFinishedController;
import io.logplane.controllers.nodelifecycle.NodeLifecycleController;
import io.logplane.controllers.serviceaccount.ServiceAccountController;
import java.util.List;

/**
 * Every controller of kube-controller-manager's role that Logplane runs: one registration line
 * each. The launcher deploys one {@link ControllerVerticle} per entry.
 */
public final class Controllers {

  private Controllers() {}

  public static List<Controller> all(ControllerContext ctx) {
    return List.of(
        NamespaceController.controller(ctx),
        ServiceAccountController.controller(ctx),
        EndpointsController.controller(ctx),
        EndpointSliceController.controller(ctx),
        NodeLifecycleController.controller(ctx),
        JobController.controller(ctx),
        TtlAfterFinishedController.controller(ctx),
        CronJobController.controller(ctx));
  }
}
