/**
 * Validation of the autoscaling/v2 HorizontalPodAutoscaler as kube-apiserver 1.28 does it
 * ({@code pkg/apis/autoscaling/validation}, scale-to-zero off).
 */
package io.logplane.api.validation.autoscaling;
