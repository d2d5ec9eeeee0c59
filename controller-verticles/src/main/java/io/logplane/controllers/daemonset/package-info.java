/**
 * The DaemonSet controller, as kube-controller-manager 1.28's: one pod per node the template fits
 * (nodeSelector, required node affinity, taints the pod with the daemon tolerations does not
 * tolerate), created with a required affinity to that node and left to the scheduler to bind;
 * RollingUpdate (maxUnavailable, maxSurge) and OnDelete over ControllerRevisions; and the status
 * {@code kubectl rollout status ds} reads.
 */
package io.logplane.controllers.daemonset;
