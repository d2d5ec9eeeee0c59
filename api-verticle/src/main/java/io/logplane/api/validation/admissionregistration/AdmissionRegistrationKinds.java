package io.logplane.api.validation.admissionregistration;

import io.logplane.api.validation.Validators;

/** Registers the validators of the admissionregistration.k8s.io kinds. */
public final class AdmissionRegistrationKinds {

  static final String GROUP = "admissionregistration.k8s.io";

  private AdmissionRegistrationKinds() {}

  public static void register() {
    Validators.register(GROUP, "validatingadmissionpolicies", new PolicyValidator());
    Validators.register(GROUP, "validatingadmissionpolicybindings", new BindingValidator());
  }
}
