package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The cluster's default StorageClass, as the DefaultStorageClass admission plugin's
 * GetDefaultClass (used by that admission, at a claim's create, and by the binder's retroactive
 * assignment): of the classes annotated {@code is-default-class: "true"}, the newest (by
 * creationTimestamp, then name); null when none is.
 */
public final class DefaultStorageClass {

  /** The annotation that marks a StorageClass as the default one. */
  public static final String ANNOTATION = "storageclass.kubernetes.io/is-default-class";

  private DefaultStorageClass() {}

  public static ObjectNode of(Collection<ObjectNode> classes) {
    return newestMarked(classes, ANNOTATION);
  }

  /**
   * Of the classes whose annotation is {@code "true"}, the newest (by creationTimestamp, then
   * name), as GetDefaultClass picks a default StorageClass and IngressClass alike; null when none is.
   */
  static ObjectNode newestMarked(Collection<ObjectNode> classes, String annotation) {
    ObjectNode best = null;
    for (ObjectNode c : classes) {
      if (!"true".equals(c.path("metadata").path("annotations").path(annotation).asText())) {
        continue;
      }
      if (best == null || newer(c, best)) {
        best = c;
      }
    }
    return best;
  }

  private static boolean newer(ObjectNode a, ObjectNode b) {
    int byTime = Metadata.text(a, "creationTimestamp").compareTo(Metadata.text(b, "creationTimestamp"));
    return byTime > 0 || (byTime == 0 && Metadata.text(a, "name").compareTo(Metadata.text(b, "name")) < 0);
  }
}
