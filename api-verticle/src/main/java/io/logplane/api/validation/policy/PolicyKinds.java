package io.logplane.api.validation.policy;

import io.logplane.api.validation.Validators;

/** Registers the validator of the policy group's kind. */
public final class PolicyKinds {

  private PolicyKinds() {}

  public static void register() {
    Validators.register("policy", "poddisruptionbudgets", new PodDisruptionBudgetValidator());
  }
}
