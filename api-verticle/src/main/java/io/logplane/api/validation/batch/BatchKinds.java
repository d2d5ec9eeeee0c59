package io.logplane.api.validation.batch;

import io.logplane.api.validation.Validators;

/** Registers the validators of the batch group's kinds. */
public final class BatchKinds {

  private BatchKinds() {}

  public static void register() {
    Validators.register("batch", "jobs", new JobValidator());
    Validators.register("batch", "cronjobs", new CronJobValidator());
  }
}
