package io.logplane.api.openapi;

import io.logplane.api.openapi.Operation.Gvk;
import io.logplane.api.resources.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations of one resource, named and tagged as kube-apiserver names them. kubectl reads
 * them: {@code explain} finds a resource's kind by the {@code x-kubernetes-group-version-kind}
 * of the operations on its URL, {@code apply} takes strategic merge patch only when the PATCH
 * operation consumes it, and sends {@code fieldValidation} only when the PATCH operation lists
 * that parameter.
 */
final class ResourcePaths {

  static final List<String> JSON_TYPES = List.of("application/json", "application/yaml");
  private static final List<String> MERGE_PATCHES = List.of("application/apply-patch+yaml",
      "application/json-patch+json", "application/merge-patch+json");
  private static final List<String> ALL_PATCHES = List.of("application/apply-patch+yaml",
      "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json");

  private ResourcePaths() {}

  /**
   * @param type       the resource
   * @param kind       definition name of its kind
   * @param list       definition name of its list kind
   * @param strategic  true for built-in kinds (custom resources take no strategic merge patch)
   */
  static List<Operation> of(ResourceType type, String kind, String list, boolean strategic) {
    String prefix = type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/" + type.version();
    String gv = groupCamel(type.group()) + capitalize(type.version());
    String tag = decapitalize(groupCamel(type.group())) + "_" + type.version();
    String scope = type.namespaced() ? "Namespaced" : "";
    String collection = prefix + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.resource();
    String item = collection + "/{name}";
    Gvk gvk = new Gvk(type.group(), type.version(), type.kind());
    String k = type.kind();
    List<String> patches = strategic ? ALL_PATCHES : MERGE_PATCHES;
    List<Operation> ops = new ArrayList<>();
    ops.add(new Operation(collection, "get", "list", "list" + gv + scope + k, "list or watch objects of kind " + k,
        tag, gvk, null, List.of(), list, List.of(200), QueryParams.LIST));
    ops.add(new Operation(collection, "post", "post", "create" + gv + scope + k, "create a " + k,
        tag, gvk, kind, JSON_TYPES, kind, List.of(200, 201, 202), QueryParams.WRITE));
    ops.add(new Operation(collection, "delete", "deletecollection", "deleteCollection" + gv + scope + k,
        "delete a collection of " + k, tag, gvk, KubeTypes.DELETE_OPTIONS, JSON_TYPES, KubeTypes.STATUS,
        List.of(200), concat(QueryParams.LIST, QueryParams.DELETE)));
    ops.add(new Operation(item, "get", "get", "read" + gv + scope + k, "read the specified " + k,
        tag, gvk, null, List.of(), kind, List.of(200), List.of()));
    ops.add(new Operation(item, "put", "put", "replace" + gv + scope + k, "replace the specified " + k,
        tag, gvk, kind, JSON_TYPES, kind, List.of(200, 201), QueryParams.WRITE));
    ops.add(new Operation(item, "patch", "patch", "patch" + gv + scope + k, "partially update the specified " + k,
        tag, gvk, KubeTypes.PATCH, patches, kind, List.of(200, 201), QueryParams.PATCH));
    ops.add(new Operation(item, "delete", "delete", "delete" + gv + scope + k, "delete a " + k,
        tag, gvk, KubeTypes.DELETE_OPTIONS, JSON_TYPES, KubeTypes.STATUS, List.of(200, 202), QueryParams.DELETE));
    if (type.namespaced()) {
      ops.add(new Operation(prefix + "/" + type.resource(), "get", "list", "list" + gv + k + "ForAllNamespaces",
          "list or watch objects of kind " + k, tag, gvk, null, List.of(), list, List.of(200), QueryParams.LIST));
    }
    for (String sub : type.subresources()) {
      boolean scale = sub.equals("scale");
      String schema = scale ? KubeTypes.SCALE : kind;
      Gvk subGvk = scale ? new Gvk("autoscaling", "v1", "Scale") : gvk;
      String path = item + "/" + sub;
      String suffix = capitalize(sub);
      ops.add(new Operation(path, "get", "get", "read" + gv + scope + k + suffix,
          "read " + sub + " of the specified " + k, tag, subGvk, null, List.of(), schema, List.of(200), List.of()));
      ops.add(new Operation(path, "put", "put", "replace" + gv + scope + k + suffix,
          "replace " + sub + " of the specified " + k, tag, subGvk, schema, JSON_TYPES, schema, List.of(200, 201),
          QueryParams.WRITE));
      ops.add(new Operation(path, "patch", "patch", "patch" + gv + scope + k + suffix,
          "partially update " + sub + " of the specified " + k, tag, subGvk, KubeTypes.PATCH, patches, schema,
          List.of(200, 201), QueryParams.PATCH));
    }
    return ops;
  }

  /** {@code rbac.authorization.k8s.io} becomes {@code RbacAuthorization}; the core group {@code Core}. */
  static String groupCamel(String group) {
    if (group.isEmpty()) {
      return "Core";
    }
    String g = group.endsWith(".k8s.io") ? group.substring(0, group.length() - ".k8s.io".length()) : group;
    StringBuilder b = new StringBuilder();
    for (String part : g.split("[.-]")) {
      b.append(capitalize(part));
    }
    return b.toString();
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String decapitalize(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> r = new ArrayList<>(a);
    b.stream().filter(x -> !r.contains(x)).forEach(r::add);
    return r;
  }
}
