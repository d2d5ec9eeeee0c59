package io.logplane.controllers.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.Collection;

/**
 * The cluster's default StorageClass, as the DefaultStorageClass admission plugin's
 * GetDefaultClass: of the classes annotated {@code is-default-class: "true"}, the newest (by
 * creationTimestamp, then name); null when none is.
 */
public final class DefaultClass {

  private DefaultClass() {}

  public static ObjectNode of(Collection<ObjectNode> classes) {
    ObjectNode best = null;
    for (ObjectNode c : classes) {
      if (!"true".equals(Volumes.annotation(c, Volumes.DEFAULT_CLASS))) {
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
