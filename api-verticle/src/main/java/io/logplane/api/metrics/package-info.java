/**
 * {@code metrics.k8s.io/v1beta1} as metrics-server serves it (NodeMetrics and PodMetrics, get and
 * list with label and field selectors, what {@code kubectl top} and the autoscaler read), plus the
 * write by which node agents report their figures. Reports live in the process's
 * {@link io.logplane.projections.metrics.MetricsStore}, never in the log.
 */
package io.logplane.api.metrics;
