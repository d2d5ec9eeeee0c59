package io.logplane.api.validation.apps;

import io.logplane.api.validation.Validators;

/** Registers the validators of the apps group's kinds. */
public final class AppsKinds {

  private AppsKinds() {}

  public static void register() {
    Validators.register("apps", "deployments", new DeploymentValidator());
    Validators.register("apps", "replicasets", new ReplicaSetValidator());
    Validators.register("apps", "statefulsets", new StatefulSetValidator());
    Validators.register("apps", "daemonsets", new DaemonSetValidator());
  }
}
