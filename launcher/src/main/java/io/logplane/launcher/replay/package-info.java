/**
 * {@code logplane replay} and {@code logplane bench-history}: replay the log up to a past
 * resourceVersion or time into a fresh store (the rebuild engine of
 * {@code io.logplane.projections.rebuild}: the changelog, then the log's records decided again),
 * and serve it read-only to kubectl; measure replay rate, exact past lists and history queries.
 */
package io.logplane.launcher.replay;
