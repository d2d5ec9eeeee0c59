/**
 * Validation of the apps/v1 kinds (Deployment, ReplicaSet, StatefulSet, DaemonSet) as
 * kube-apiserver 1.28 does it: {@code pkg/apis/apps/validation} and the selector immutability
 * its registry strategies add for apps/v1.
 */
package io.logplane.api.validation.apps;
