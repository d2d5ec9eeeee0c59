package io.logplane.api.validation.rbac;

import io.logplane.api.validation.Validators;

/** Registers the validators of the rbac.authorization.k8s.io kinds. */
public final class RbacKinds {

  static final String GROUP = "rbac.authorization.k8s.io";

  private RbacKinds() {}

  public static void register() {
    Validators.register(GROUP, "roles", new RoleValidator(true));
    Validators.register(GROUP, "clusterroles", new RoleValidator(false));
    Validators.register(GROUP, "rolebindings", new BindingValidator(true));
    Validators.register(GROUP, "clusterrolebindings", new BindingValidator(false));
  }
}
