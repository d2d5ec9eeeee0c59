package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The cluster's default IngressClass, as the DefaultIngressClass admission plugin's
 * getDefaultClass: of the classes annotated {@code is-default-class: "true"}, the newest (by
 * creationTimestamp, then name); null when none is.
 */
public final class DefaultIngressClass {

  /** The annotation that marks an IngressClass as the default one. */
  public static final String ANNOTATION = "ingressclass.kubernetes.io/is-default-class";

  private DefaultIngressClass() {}

  public static ObjectNode of(Collection<ObjectNode> classes) {
    return DefaultStorageClass.newestMarked(classes, ANNOTATION);
  }
}
