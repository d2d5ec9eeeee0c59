package io.logplane.api.validation.core;

import io.logplane.api.validation.Validators;

/** Registers the validators of the core group's kinds. */
public final class CoreKinds {

  private CoreKinds() {}

  public static void register() {
    Validators.register("", "pods", new PodValidator());
    Validators.register("", "services", new ServiceValidator());
  }
}
