/**
 * The HorizontalPodAutoscaler controller ({@code pkg/controller/podautoscaler}): every 15 s it
 * reads an HPA's scale target, computes the replicas its Resource metrics (cpu, memory;
 * Utilization of requests or AverageValue) ask for from the metrics node agents reported, as
 * kube's replica calculator does, stabilizes and rate-limits the change by the HPA's behavior,
 * writes the target's {@code spec.replicas} as the scale subresource would, and keeps the status,
 * conditions and Events kube's controller keeps.
 */
package io.logplane.controllers.podautoscaler;
