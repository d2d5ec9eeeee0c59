/**
 * The ReplicaSet controller (kube's {@code pkg/controller/replicaset}), also the
 * ReplicationController's: keeps as many active pods as the spec asks, created from the
 * template in slow-start batches and deleted in kube's order of preference, adopts and releases
 * pods by selector, and reports replicas, readiness and availability in the status.
 */
package io.logplane.controllers.replicaset;
