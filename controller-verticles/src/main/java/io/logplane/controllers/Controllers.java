package io.logplane.controllers;

import java.util.List;

/**
 * Every controller of kube-controller-manager's role that Logplane runs: one registration line
 * each. The launcher deploys one {@link ControllerVerticle} per entry.
 */
public final class Controllers {

  private Controllers() {}

  public static List<Controller> all(ControllerContext ctx) {
    return List.of(
        NamespaceController.controller(ctx));
  }
}
