package io.logplane.scheduler.internal;

/**
 * The condition kube-scheduler 1.28 writes on a pod it preempts before deleting it (the
 * PodDisruptionConditions feature, on by default), and what preemption reads back from it:
 * a preemptor waits while such victims terminate on its nominated node.
 */
public final class DisruptionTarget {

  public static final String TYPE = "DisruptionTarget";
  public static final String REASON = "PreemptionByScheduler";

  private DisruptionTarget() {}

  /** The condition's message: the preemptor's scheduler name, as kube's. */
  public static String message(String schedulerName) {
    return schedulerName + ": preempting to accommodate a higher priority pod";
  }
}
