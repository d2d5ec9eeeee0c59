/**
 * What the workload controllers (ReplicaSet, Deployment, and the ones to come) share, as
 * kube-controller-manager's {@code pkg/controller} helpers: controller references and the
 * adoption and release of dependents by selector, pod readiness and availability, status
 * conditions, and int-or-percent values scaled as kube rounds them.
 */
package io.logplane.controllers.workload;
