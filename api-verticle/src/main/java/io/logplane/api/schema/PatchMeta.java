package io.logplane.api.schema;

import java.util.Map;
import java.util.Optional;

/**
 * Strategic-merge metadata of the built-in types: which list fields merge, and by which key.
 * Transcribed from the {@code patchStrategy} / {@code patchMergeKey} tags of the Go types in
 * kubernetes/api (the fabric8 model classes carry the same type names, so the key is the
 * simple class name and the JSON field name). A list not named here is atomic: a patch
 * replaces it whole.
 */
public final class PatchMeta {

  /** How a list field is patched. mergeKey is null for lists of primitives merged as sets. */
  public record ListMeta(String mergeKey, boolean retainKeys) {}

  private static final ListMeta PRIMITIVE_SET = new ListMeta(null, false);

  private static final Map<String, ListMeta> LISTS = Map.ofEntries(
      // meta/v1
      Map.entry("ObjectMeta.finalizers", PRIMITIVE_SET),
      Map.entry("ObjectMeta.ownerReferences", new ListMeta("uid", false)),
      // core/v1 pod
      Map.entry("PodSpec.volumes", new ListMeta("name", true)),
      Map.entry("PodSpec.initContainers", new ListMeta("name", false)),
      Map.entry("PodSpec.containers", new ListMeta("name", false)),
      Map.entry("PodSpec.ephemeralContainers", new ListMeta("name", false)),
      Map.entry("PodSpec.imagePullSecrets", new ListMeta("name", false)),
      Map.entry("PodSpec.hostAliases", new ListMeta("ip", false)),
      Map.entry("PodSpec.topologySpreadConstraints", new ListMeta("topologyKey", false)),
      Map.entry("PodSpec.resourceClaims", new ListMeta("name", true)),
      Map.entry("PodSpec.schedulingGates", new ListMeta("name", false)),
      Map.entry("Container.ports", new ListMeta("containerPort", false)),
      Map.entry("Container.env", new ListMeta("name", false)),
      Map.entry("Container.volumeMounts", new ListMeta("mountPath", false)),
      Map.entry("Container.volumeDevices", new ListMeta("devicePath", false)),
      Map.entry("EphemeralContainer.ports", new ListMeta("containerPort", false)),
      Map.entry("EphemeralContainer.env", new ListMeta("name", false)),
      Map.entry("EphemeralContainer.volumeMounts", new ListMeta("mountPath", false)),
      Map.entry("EphemeralContainer.volumeDevices", new ListMeta("devicePath", false)),
      Map.entry("PodStatus.conditions", new ListMeta("type", false)),
      Map.entry("PodStatus.podIPs", new ListMeta("ip", false)),
      Map.entry("PodStatus.hostIPs", new ListMeta("ip", false)),
      // core/v1 others
      Map.entry("ServiceSpec.ports", new ListMeta("port", false)),
      Map.entry("ServiceStatus.conditions", new ListMeta("type", false)),
      Map.entry("NodeSpec.podCIDRs", PRIMITIVE_SET),
      Map.entry("NodeStatus.conditions", new ListMeta("type", false)),
      Map.entry("NodeStatus.addresses", new ListMeta("type", false)),
      Map.entry("NamespaceStatus.conditions", new ListMeta("type", false)),
      Map.entry("PersistentVolumeClaimStatus.conditions", new ListMeta("type", false)),
      Map.entry("ReplicationControllerStatus.conditions", new ListMeta("type", false)),
      Map.entry("ServiceAccount.secrets", new ListMeta("name", false)),
      // apps/v1
      Map.entry("DeploymentStatus.conditions", new ListMeta("type", false)),
      Map.entry("ReplicaSetStatus.conditions", new ListMeta("type", false)),
      Map.entry("DaemonSetStatus.conditions", new ListMeta("type", false)),
      Map.entry("StatefulSetStatus.conditions", new ListMeta("type", false)),
      // batch/v1
      Map.entry("JobStatus.conditions", new ListMeta("type", false)),
      // autoscaling/v2, policy/v1, networking/v1
      Map.entry("HorizontalPodAutoscalerStatus.conditions", new ListMeta("type", false)),
      Map.entry("PodDisruptionBudgetStatus.conditions", new ListMeta("type", false)),
      Map.entry("IngressStatus.conditions", new ListMeta("type", false)),
      // apiextensions/v1
      Map.entry("CustomResourceDefinitionStatus.conditions", new ListMeta("type", false)));

  private PatchMeta() {}

  /**
   * The merge metadata of a list field.
   *
   * @param typeName simple name of the Go/fabric8 type holding the field (e.g. {@code PodSpec})
   * @param field    JSON field name (e.g. {@code containers})
   * @return the list's merge metadata, or empty when the list is atomic (replaced whole)
   */
  public static Optional<ListMeta> list(String typeName, String field) {
    return Optional.ofNullable(LISTS.get(typeName + "." + field));
  }

  /** Every (type.field → metadata) entry, for documents such as OpenAPI. */
  public static Map<String, ListMeta> entries() {
    return LISTS;
  }
}
