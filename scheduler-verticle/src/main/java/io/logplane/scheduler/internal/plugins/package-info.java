/**
 * Filter and score plugins, one class each, pure functions of a pod, a node and the cycle's
 * snapshot; {@link io.logplane.scheduler.internal.plugins.Plugins} is the table of what runs, in
 * kube-scheduler's order and with its default weights.
 */
package io.logplane.scheduler.internal.plugins;
