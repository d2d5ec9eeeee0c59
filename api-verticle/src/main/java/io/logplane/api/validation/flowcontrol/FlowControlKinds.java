package io.logplane.api.validation.flowcontrol;

import io.logplane.api.validation.Validators;

/** Registers the validators of the flowcontrol.apiserver.k8s.io kinds (API Priority and Fairness). */
public final class FlowControlKinds {

  static final String GROUP = "flowcontrol.apiserver.k8s.io";

  private FlowControlKinds() {}

  public static void register() {
    Validators.register(GROUP, "flowschemas", new FlowSchemaValidator());
    Validators.register(GROUP, "prioritylevelconfigurations", new PriorityLevelValidator());
  }
}
