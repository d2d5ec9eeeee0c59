package io.logplane.controllers.workload;

import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import java.util.List;

/** The indexes the workload controllers share on the caches. */
public final class Indexes {

  /** Objects by namespace (the empty string for cluster-scoped ones). */
  public static final String NAMESPACE = "namespace";

  private Indexes() {}

  /** The informer, indexed by namespace. */
  public static Informer byNamespace(Informer informer) {
    informer.addIndex(NAMESPACE, o -> List.of(String.valueOf(Metadata.text(o, "namespace"))));
    return informer;
  }
}
