/**
 * The scheduler, as kube-scheduler: pods that name the default scheduler and no node wait in a
 * queue ordered by priority, each is filtered and scored against the nodes of a cache kept by
 * the shared informers, assumed on the best node at once and bound asynchronously through the
 * one write path. {@link io.logplane.scheduler.SchedulerVerticle} runs it in a process.
 */
package io.logplane.scheduler;
