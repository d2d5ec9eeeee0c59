package io.logplane.projections;

/**
 * A storage key, {@code group/resource/namespace/name}: {@code core} stands for the legacy group
 * and the namespace is empty for cluster-scoped objects.
 */
public record Key(String group, String resource, String namespace, String name) {

  public static Key parse(String key) {
    String[] p = key.split("/", -1);
    if (p.length != 4) {
      throw new IllegalArgumentException("a key has four parts: group/resource/namespace/name, got " + key);
    }
    return new Key(p[0], p[1], p[2], p[3]);
  }

  public static String namespaceKey(String namespace) {
    return "core/namespaces//" + namespace;
  }

  public Key withName(String newName) {
    return new Key(group, resource, namespace, newName);
  }

  /** How Kubernetes names the resource in messages: {@code pods}, {@code deployments.apps}. */
  public String qualifiedResource() {
    return group.equals("core") ? resource : resource + "." + group;
  }

  @Override
  public String toString() {
    return group + "/" + resource + "/" + namespace + "/" + name;
  }
}
