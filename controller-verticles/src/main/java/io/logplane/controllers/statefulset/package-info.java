/**
 * The StatefulSet controller, as kube-controller-manager 1.28's: pods with stable ordinal names,
 * hostnames and claims made from volumeClaimTemplates, created one at a time in order (each
 * Running and Ready before the next) or all at once, removed from the highest ordinal; rolling
 * updates from the highest ordinal down to the partition, or OnDelete, over ControllerRevisions;
 * and the status {@code kubectl rollout status sts} reads.
 */
package io.logplane.controllers.statefulset;
