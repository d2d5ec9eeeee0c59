package io.logplane.projections.policy;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The object types kube declares for a policy's CEL variables (admission plugin cel's
 * {@code BuildRequestType} and {@code BuildNamespaceType}, and the composition's
 * {@code kubernetes.variables}): fields are checked when an expression compiles, so
 * {@code request.foo} is "undefined field 'foo'" and {@code request.name} is a string. At run
 * time the values are plain maps, as kube's unstructured ones are.
 */
final class KubeTypes {

  static final StructType REQUEST;
  static final StructType NAMESPACE;
  private static final List<CelType> ALL = new ArrayList<>();

  static {
    CelType string = SimpleType.STRING;
    CelType strings = ListType.create(string);
    StructType gvk = struct("kubernetes.GroupVersionKind", "group", string, "version", string, "kind", string);
    StructType gvr = struct("kubernetes.GroupVersionResource", "group", string, "version", string, "resource", string);
    StructType user = struct("kubernetes.UserInfo", "username", string, "uid", string, "groups", strings,
        "extra", MapType.create(string, strings));
    REQUEST = struct("kubernetes.AdmissionRequest", "kind", gvk, "resource", gvr, "subResource", string,
        "requestKind", gvk, "requestResource", gvr, "requestSubResource", string, "name", string,
        "namespace", string, "operation", string, "userInfo", user, "dryRun", SimpleType.BOOL,
        "options", SimpleType.DYN);
    StructType spec = struct("kubernetes.NamespaceSpec", "finalizers", strings);
    StructType condition = struct("kubernetes.NamespaceCondition", "status", string, "type", string,
        "lastTransitionTime", SimpleType.TIMESTAMP, "message", string, "reason", string);
    StructType status = struct("kubernetes.NamespaceStatus", "conditions", ListType.create(condition),
        "phase", string);
    // "UID" as kube 1.28 declares it (the value's key is "uid": kube's own mismatch, kept).
    StructType metadata = struct("kubernetes.NamespaceMetadata", "name", string, "generateName", string,
        "namespace", string, "labels", MapType.create(string, string), "annotations", MapType.create(string, string),
        "UID", string, "creationTimestamp", SimpleType.TIMESTAMP, "deletionGracePeriodSeconds", SimpleType.INT,
        "deletionTimestamp", SimpleType.TIMESTAMP, "generation", SimpleType.INT, "resourceVersion", string,
        "finalizers", strings);
    NAMESPACE = struct("kubernetes.Namespace", "metadata", metadata, "spec", spec, "status", status);
  }

  private KubeTypes() {}

  /**
   * The {@code variables} object of a policy whose variables so far are {@code names}: each a
   * field of dynamic type, as kube's composition environment adds them one by one.
   */
  static StructType variables(List<String> names) {
    Map<String, CelType> fields = new LinkedHashMap<>();
    names.forEach(n -> fields.put(n, SimpleType.DYN));
    return StructType.create("kubernetes.variables", ImmutableSet.copyOf(fields.keySet()),
        f -> Optional.ofNullable(fields.get(f)));
  }

  /** A type provider that knows the request and namespace types, and {@code extra} when not null. */
  static CelTypeProvider provider(StructType extra) {
    List<CelType> types = new ArrayList<>(ALL);
    if (extra != null) {
      types.add(extra);
    }
    ImmutableList<CelType> known = ImmutableList.copyOf(types);
    return new CelTypeProvider() {
      @Override
      public ImmutableCollection<CelType> types() {
        return known;
      }

      @Override
      public Optional<CelType> findType(String name) {
        return known.stream().filter(t -> t.name().equals(name)).findFirst();
      }
    };
  }

  /** A struct type of (name, type) pairs, registered with the provider. */
  private static StructType struct(String name, Object... nameTypes) {
    Map<String, CelType> fields = new LinkedHashMap<>();
    for (int i = 0; i < nameTypes.length; i += 2) {
      fields.put((String) nameTypes[i], (CelType) nameTypes[i + 1]);
    }
    StructType t = StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
        f -> Optional.ofNullable(fields.get(f)));
    ALL.add(t);
    return t;
  }
}
