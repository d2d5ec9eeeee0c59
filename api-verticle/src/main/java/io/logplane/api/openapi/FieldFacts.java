package io.logplane.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.schema.PatchMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the fabric8 classes do not carry: required fields, descriptions of the fields every
 * object has, and the list metadata of {@link PatchMeta} spelled as OpenAPI extensions. The
 * required lists are transcribed from the Go types (fields without {@code omitempty} that the
 * API marks required) for the types kubectl users meet most; elsewhere nothing is required.
 */
final class FieldFacts {

  private static final Map<String, List<String>> REQUIRED = Map.ofEntries(
      Map.entry("Container", List.of("name")),
      Map.entry("EphemeralContainer", List.of("name")),
      Map.entry("ContainerPort", List.of("containerPort")),
      Map.entry("EnvVar", List.of("name")),
      Map.entry("VolumeMount", List.of("mountPath", "name")),
      Map.entry("VolumeDevice", List.of("devicePath", "name")),
      Map.entry("Volume", List.of("name")),
      Map.entry("KeyToPath", List.of("key", "path")),
      Map.entry("ConfigMapKeySelector", List.of("key")),
      Map.entry("SecretKeySelector", List.of("key")),
      Map.entry("ObjectFieldSelector", List.of("fieldPath")),
      Map.entry("ResourceFieldSelector", List.of("resource")),
      Map.entry("HTTPGetAction", List.of("port")),
      Map.entry("TCPSocketAction", List.of("port")),
      Map.entry("PodSpec", List.of("containers")),
      Map.entry("NodeSelector", List.of("nodeSelectorTerms")),
      Map.entry("NodeSelectorRequirement", List.of("key", "operator")),
      Map.entry("PreferredSchedulingTerm", List.of("preference", "weight")),
      Map.entry("WeightedPodAffinityTerm", List.of("podAffinityTerm", "weight")),
      Map.entry("PodAffinityTerm", List.of("topologyKey")),
      Map.entry("TopologySpreadConstraint", List.of("maxSkew", "topologyKey", "whenUnsatisfiable")),
      Map.entry("HostAlias", List.of("ip")),
      Map.entry("ServicePort", List.of("port")),
      Map.entry("NodeAddress", List.of("address", "type")),
      Map.entry("LimitRangeItem", List.of("type")),
      Map.entry("LabelSelectorRequirement", List.of("key", "operator")),
      Map.entry("OwnerReference", List.of("apiVersion", "kind", "name", "uid")),
      Map.entry("Condition", List.of("lastTransitionTime", "message", "reason", "status", "type")),
      Map.entry("DeploymentSpec", List.of("selector", "template")),
      Map.entry("ReplicaSetSpec", List.of("selector")),
      Map.entry("DaemonSetSpec", List.of("selector", "template")),
      Map.entry("StatefulSetSpec", List.of("selector", "template")),
      Map.entry("ControllerRevision", List.of("revision")),
      Map.entry("JobSpec", List.of("template")),
      Map.entry("CronJobSpec", List.of("jobTemplate", "schedule")),
      Map.entry("PolicyRule", List.of("verbs")),
      Map.entry("Subject", List.of("kind", "name")),
      Map.entry("RoleRef", List.of("apiGroup", "kind", "name")),
      Map.entry("RoleBinding", List.of("roleRef")),
      Map.entry("ClusterRoleBinding", List.of("roleRef")),
      Map.entry("HTTPIngressRuleValue", List.of("paths")),
      Map.entry("HTTPIngressPath", List.of("backend", "pathType")),
      Map.entry("IngressServiceBackend", List.of("name")),
      Map.entry("StorageClass", List.of("provisioner")),
      Map.entry("EndpointSlice", List.of("addressType", "endpoints")),
      Map.entry("Endpoint", List.of("addresses")),
      Map.entry("HorizontalPodAutoscalerSpec", List.of("maxReplicas", "scaleTargetRef")),
      Map.entry("CrossVersionObjectReference", List.of("kind", "name")),
      Map.entry("MetricSpec", List.of("type")),
      Map.entry("CustomResourceDefinitionSpec", List.of("group", "names", "scope", "versions")),
      Map.entry("CustomResourceDefinitionNames", List.of("kind", "plural")),
      Map.entry("CustomResourceDefinitionVersion", List.of("name", "served", "storage")));

  /** Lists whose entries are keyed by more than the strategic-merge key. */
  private static final Map<String, List<String>> MAP_KEYS = Map.of(
      "Container.ports", List.of("containerPort", "protocol"),
      "EphemeralContainer.ports", List.of("containerPort", "protocol"),
      "ServiceSpec.ports", List.of("port", "protocol"),
      "PodSpec.topologySpreadConstraints", List.of("topologyKey", "whenUnsatisfiable"));

  private static final Map<String, String> COMMON = Map.of(
      "apiVersion", "The versioned schema of this object, as group/version (v1 for the core group).",
      "kind", "The type of this object, in CamelCase. The server infers it from the URL a client writes to.",
      "spec", "The desired state of the object, as its owner declares it.",
      "status", "The observed state of the object, as the system reports it. Read-only for most clients.",
      "items", "The objects of the list.");

  private FieldFacts() {}

  /** Required JSON fields of a type, limited to the fields it really has. */
  static List<String> required(String typeName, Set<String> fields) {
    List<String> r = REQUIRED.get(typeName);
    if (r == null && typeName.endsWith("Condition") && fields.contains("type") && fields.contains("status")) {
      r = List.of("status", "type");
    }
    if (r == null && typeName.endsWith("List") && fields.contains("items")) {
      r = List.of("items");
    }
    return r == null ? List.of() : r.stream().filter(fields::contains).toList();
  }

  /** A description for the fields every object or list has, or empty. */
  static Optional<String> description(String field, boolean list) {
    if (field.equals("metadata")) {
      return Optional.of(list
          ? "Standard list metadata: the resourceVersion of the list and the continue token."
          : "Standard object metadata: name, namespace, labels, annotations and the fields the server sets.");
    }
    return Optional.ofNullable(COMMON.get(field));
  }

  /** Adds the strategic-merge and list-type extensions of a list field, if it has any. */
  static void listExtensions(String typeName, String field, ObjectNode property) {
    Optional<PatchMeta.ListMeta> meta = PatchMeta.list(typeName, field);
    if (meta.isEmpty()) {
      return;
    }
    PatchMeta.ListMeta m = meta.get();
    property.put("x-kubernetes-patch-strategy", m.retainKeys() ? "merge,retainKeys" : "merge");
    if (m.mergeKey() == null) {
      property.put("x-kubernetes-list-type", "set");
      return;
    }
    property.put("x-kubernetes-patch-merge-key", m.mergeKey());
    property.put("x-kubernetes-list-type", "map");
    ArrayNode keys = property.putArray("x-kubernetes-list-map-keys");
    MAP_KEYS.getOrDefault(typeName + "." + field, List.of(m.mergeKey())).forEach(keys::add);
  }
}
