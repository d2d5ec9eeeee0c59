/**
 * The Job controller of kube-controller-manager 1.28: pods made from a Job's template up to its
 * parallelism until its completions succeeded (NonIndexed or Indexed), finished pods counted
 * through the {@code batch.kubernetes.io/job-tracking} finalizer and
 * {@code status.uncountedTerminatedPods}, backoffLimit with the exponential re-create delay,
 * activeDeadlineSeconds, podFailurePolicy and suspend; and the TTL-after-finished controller,
 * which deletes a finished Job once its ttlSecondsAfterFinished ran out.
 */
package io.logplane.controllers.job;
