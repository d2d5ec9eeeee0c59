/**
 * The resource metrics of nodes and pods, as metrics-server holds them: the latest report of each
 * node and pod, in memory. The one thing of this module not derived from the log: usage is a
 * measurement, not cluster state, so it is neither appended nor kept across restarts. Node agents
 * put reports through the API ({@code metrics.k8s.io/v1beta1}); the API serves them and the
 * HorizontalPodAutoscaler controller reads them, each in the process that received them.
 */
package io.logplane.projections.metrics;
