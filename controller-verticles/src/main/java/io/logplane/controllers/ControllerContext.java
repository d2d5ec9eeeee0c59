package io.logplane.controllers;

import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Store;
import io.logplane.projections.informers.Informers;
import io.logplane.projections.metrics.MetricsStore;
import java.time.Clock;
import java.util.function.Function;

/**
 * What a controller is built from: the shared caches it reads, a writer per identity (every
 * controller writes as its own service account, as kube-controller-manager's do), the store for
 * the rare read no cache serves (a namespace's every object), the clock of its timestamps, and the
 * resource metrics the node agents reported to this process's API (the autoscaler's input).
 * Tests give detached informers and an in-memory writer.
 */
public record ControllerContext(Informers informers, Function<String, ObjectWriter> writers, Store store,
    Clock clock, MetricsStore metrics) {

  /** A context with metrics of its own, empty until something puts reports in. */
  public ControllerContext(Informers informers, Function<String, ObjectWriter> writers, Store store, Clock clock) {
    this(informers, writers, store, clock, new MetricsStore(clock));
  }

  /** The writer of a controller running as {@code system:serviceaccount:kube-system:<account>}. */
  public ObjectWriter writer(String account) {
    return writers.apply(user(account));
  }

  /** The user name of a kube-system service account: what the audit trail shows as the actor. */
  public static String user(String account) {
    return "system:serviceaccount:kube-system:" + account;
  }
}
