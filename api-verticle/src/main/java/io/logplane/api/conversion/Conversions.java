package io.logplane.api.conversion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import java.util.Map;
import java.util.Optional;

/**
 * The converters of the built-in kinds served in a version other than the one stored, by served
 * {@code group/version/resource}. A type without one is stored as it is served.
 */
public final class Conversions {

  private static final Map<String, Stored> BY_SERVED = Map.of(
      "autoscaling/v1/horizontalpodautoscalers",
      new Stored("autoscaling", "v2", "horizontalpodautoscalers", new HorizontalPodAutoscalerV1()),
      "events.k8s.io/v1/events", new Stored("", "v1", "events", new EventV1()));
  private static final Map<String, ResourceType> STORAGE_TYPES = storageTypes();

  private Conversions() {}

  /** Where a served version is stored, and how it converts to and from there. */
  private record Stored(String group, String version, String resource, Converter converter) {}

  /** The converter of a served type, empty when it is stored as served. */
  public static Optional<Converter> of(ResourceType served) {
    return Optional.ofNullable(BY_SERVED.get(served.group() + "/" + served.version() + "/" + served.resource()))
        .map(Stored::converter);
  }

  /**
   * The type objects of a served type are stored as: what defaults and validation see, as
   * kube-apiserver validates the internal version. The type itself when it is stored as served.
   */
  public static ResourceType storageType(ResourceType served) {
    ResourceType t = STORAGE_TYPES.get(served.group() + "/" + served.version() + "/" + served.resource());
    return t == null ? served : t;
  }

  private static Map<String, ResourceType> storageTypes() {
    Map<String, ResourceType> m = new java.util.HashMap<>();
    BY_SERVED.forEach((served, s) -> m.put(served, BuiltinResources.all().stream()
        .filter(t -> t.group().equals(s.group()) && t.version().equals(s.version())
            && t.resource().equals(s.resource()))
        .findFirst().orElseThrow(() -> new IllegalStateException("the storage version of " + served
            + " is not served: " + s))));
    return Map.copyOf(m);
  }

  /** The stored form of an object written in a served type's version (the argument is given away). */
  public static ObjectNode toStorage(ResourceType served, ObjectNode o) {
    return of(served).map(c -> c.toStorage(o)).orElse(o);
  }

  /** The served form of a stored object (the argument is given away). */
  public static ObjectNode fromStorage(ResourceType served, ObjectNode stored) {
    return of(served).map(c -> c.fromStorage(stored)).orElse(stored);
  }
}
