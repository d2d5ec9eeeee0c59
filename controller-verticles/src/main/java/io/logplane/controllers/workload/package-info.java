/**
 * What the workload controllers (ReplicaSet, Deployment, DaemonSet, StatefulSet, Job) share, as
 * kube-controller-manager's {@code pkg/controller} helpers: controller references, the adoption
 * and release of dependents by selector and which owners a change to a dependent wakes, pod
 * readiness and availability, status conditions, and int-or-percent values scaled as kube
 * rounds them.
 */
package io.logplane.controllers.workload;
