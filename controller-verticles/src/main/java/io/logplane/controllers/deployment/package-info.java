/**
 * The Deployment controller (kube's {@code pkg/controller/deployment}): one ReplicaSet per pod
 * template (named by its pod-template-hash), rolled out by the RollingUpdate or Recreate
 * strategy, scaled proportionally, revisions in annotations with old ReplicaSets kept up to
 * revisionHistoryLimit, pause, and the Progressing and Available conditions that
 * {@code kubectl rollout status} reads.
 */
package io.logplane.controllers.deployment;
