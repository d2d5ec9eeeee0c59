package io.logplane.api.resources;

import java.util.List;

/**
 * One served resource: where it lives in the API (group, version, plural), what it is
 * (kind, scope) and how kubectl finds it (short names, categories).
 *
 * @param group        API group; empty for the legacy core group
 * @param version      API version within the group
 * @param resource     plural resource name used in URLs
 * @param singular     singular name
 * @param kind         object kind
 * @param namespaced   true for namespace-scoped resources
 * @param shortNames   kubectl short names
 * @param categories   discovery categories (e.g. {@code all})
 * @param subresources subresources served under the resource ({@code status}, {@code scale})
 * @param modelClass   fully-qualified fabric8 model class name for built-in kinds, or null
 *                     for custom resources (used by OpenAPI and strategic merge patch)
 * @param storedIn     the group whose stored objects this resource serves, converted, when it
 *                     is another group's view (events.k8s.io's events are core's); null when
 *                     the resource keeps its objects under its own group
 */
public record ResourceType(
    String group,
    String version,
    String resource,
    String singular,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<String> subresources,
    String modelClass,
    String storedIn) {

  /** A resource that keeps its objects under its own group. */
  public ResourceType(String group, String version, String resource, String singular, String kind,
      boolean namespaced, List<String> shortNames, List<String> categories, List<String> subresources,
      String modelClass) {
    this(group, version, resource, singular, kind, namespaced, shortNames, categories, subresources, modelClass,
        null);
  }

  /** The verbs every resource here serves. */
  public static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** {@code v1} for core, {@code apps/v1} otherwise. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /**
   * The group name used in storage keys: {@code core} for the legacy group. Every version of a
   * group keeps its objects under the same keys, as a view of another group keeps them under
   * that group's.
   */
  public String storageGroup() {
    String g = storedIn != null ? storedIn : group;
    return g.isEmpty() ? "core" : g;
  }

  /** Storage key prefix for all objects of this resource: {@code group/resource/}. */
  public String keyPrefix() {
    return storageGroup() + "/" + resource + "/";
  }

  /** Storage key of one object; namespace is empty for cluster-scoped resources. */
  public String key(String namespace, String name) {
    return keyPrefix() + (namespaced ? namespace : "") + "/" + name;
  }

  /** Storage key prefix for one namespace (or all, when namespace is null). */
  public String listPrefix(String namespace) {
    return namespace == null || !namespaced ? keyPrefix() : keyPrefix() + namespace + "/";
  }

  /** Loads the fabric8 model class, or null when there is none. */
  public Class<?> loadModelClass() {
    if (modelClass == null) {
      return null;
    }
    try {
      return Class.forName(modelClass);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("model class of " + kind + " missing: " + modelClass, e);
    }
  }
}
