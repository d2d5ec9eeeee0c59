package io.logplane.api.validation.autoscaling;

import io.logplane.api.validation.Validators;

/** Registers the validator of the autoscaling group's kind. */
public final class AutoscalingKinds {

  private AutoscalingKinds() {}

  public static void register() {
    Validators.register("autoscaling", "horizontalpodautoscalers", new HorizontalPodAutoscalerValidator());
  }
}
