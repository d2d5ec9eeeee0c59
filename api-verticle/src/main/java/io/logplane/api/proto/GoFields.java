package io.logplane.api.proto;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the protobuf descriptors do not say about the Go types, transcribed from kubernetes/api.
 * Keys are {@code MessageSimpleName.protoFieldName}.
 *
 * <p>Why a zero table: Go's generated marshaller writes every non-pointer field, so a proto2
 * has-bit carries no information for them: kubectl's Namespace arrives with
 * {@code generateName=""}, {@code generation=0} and so on. Go's JSON encoder then drops those
 * zeros ({@code omitempty}). Only pointer fields ({@code *int32 replicas}) and the few scalars
 * without omitempty keep an explicit zero, and only those are listed in {@link #keepsZero}.
 */
final class GoFields {

  private static final Set<String> KEEP_ZERO = new HashSet<>();
  private static final Set<String> INLINE = new HashSet<>();
  private static final Map<String, String> RENAME = new HashMap<>();

  static {
    // meta/v1
    keep("ObjectMeta", "deletionGracePeriodSeconds");
    keep("OwnerReference", "controller", "blockOwnerDeletion");
    // core/v1 pods
    keep("PodSpec", "terminationGracePeriodSeconds", "activeDeadlineSeconds",
        "automountServiceAccountToken", "shareProcessNamespace", "priority", "enableServiceLinks",
        "preemptionPolicy", "runtimeClassName", "setHostnameAsFQDN", "hostUsers");
    keep("PodSecurityContext", "runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup",
        "fsGroupChangePolicy", "supplementalGroupsPolicy", "seLinuxChangePolicy");
    keep("SecurityContext", "privileged", "runAsUser", "runAsGroup", "runAsNonRoot",
        "readOnlyRootFilesystem", "allowPrivilegeEscalation", "procMount");
    keep("WindowsSecurityContextOptions", "gmsaCredentialSpecName", "gmsaCredentialSpec",
        "runAsUserName", "hostProcess");
    keep("SeccompProfile", "localhostProfile");
    keep("AppArmorProfile", "localhostProfile");
    keep("Container", "restartPolicy");
    keep("EphemeralContainerCommon", "restartPolicy");
    keep("ContainerPort", "containerPort");
    keep("VolumeMount", "mountPropagation", "recursiveReadOnly");
    keep("Probe", "terminationGracePeriodSeconds");
    keep("GRPCAction", "port", "service");
    keep("Toleration", "tolerationSeconds");
    keep("TopologySpreadConstraint", "maxSkew", "minDomains", "nodeAffinityPolicy",
        "nodeTaintsPolicy");
    keep("PodDNSConfigOption", "value");
    keep("PodResourceClaim", "resourceClaimName", "resourceClaimTemplateName");
    keep("ContainerStatus", "ready", "restartCount", "started");
    keep("ContainerStateTerminated", "exitCode");
    // core/v1 env and volumes
    keep("ConfigMapKeySelector", "optional");
    keep("SecretKeySelector", "optional");
    keep("ConfigMapEnvSource", "optional");
    keep("SecretEnvSource", "optional");
    keep("ConfigMapVolumeSource", "defaultMode", "optional");
    keep("SecretVolumeSource", "defaultMode", "optional");
    keep("ConfigMapProjection", "optional");
    keep("SecretProjection", "optional");
    keep("ProjectedVolumeSource", "defaultMode");
    keep("DownwardAPIVolumeSource", "defaultMode");
    keep("DownwardAPIVolumeFile", "mode");
    keep("KeyToPath", "mode");
    keep("ServiceAccountTokenProjection", "expirationSeconds");
    keep("ClusterTrustBundleProjection", "name", "signerName", "optional");
    keep("HostPathVolumeSource", "type");
    keep("CSIVolumeSource", "readOnly", "fsType");
    keep("ISCSIVolumeSource", "initiatorName");
    keep("ISCSIPersistentVolumeSource", "initiatorName");
    keep("AzureDiskVolumeSource", "cachingMode", "fsType", "readOnly", "kind");
    keep("AzureFilePersistentVolumeSource", "secretNamespace");
    keep("FCVolumeSource", "lun");
    keep("LocalVolumeSource", "fsType");
    // core/v1 claims, services, others
    keep("PersistentVolumeClaimSpec", "storageClassName", "volumeMode", "volumeAttributesClassName");
    keep("PersistentVolumeSpec", "volumeMode", "volumeAttributesClassName");
    keep("PersistentVolumeClaimStatus", "currentVolumeAttributesClassName");
    keep("TypedLocalObjectReference", "apiGroup");
    keep("TypedObjectReference", "apiGroup", "namespace");
    keep("ServiceSpec", "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
        "internalTrafficPolicy", "trafficDistribution");
    keep("ServicePort", "port", "appProtocol");
    keep("ClientIPConfig", "timeoutSeconds");
    keep("LoadBalancerIngress", "ipMode");
    keep("EndpointPort", "port", "appProtocol");
    keep("EndpointAddress", "nodeName");
    keep("ServiceAccount", "automountServiceAccountToken");
    keep("Secret", "immutable");
    keep("ConfigMap", "immutable");
    keep("ReplicationControllerSpec", "replicas");
    keep("ReplicationControllerStatus", "replicas");
    keep("NodeRuntimeHandlerFeatures", "recursiveReadOnlyMounts", "userNamespaces");
    keep("NodeFeatures", "supplementalGroupsPolicy");
    // apps/v1
    keep("DeploymentSpec", "replicas", "revisionHistoryLimit", "progressDeadlineSeconds");
    keep("DeploymentStatus", "collisionCount");
    keep("ReplicaSetSpec", "replicas");
    keep("ReplicaSetStatus", "replicas");
    keep("DaemonSetSpec", "revisionHistoryLimit");
    keep("DaemonSetStatus", "currentNumberScheduled", "numberMisscheduled",
        "desiredNumberScheduled", "numberReady", "collisionCount");
    keep("StatefulSetSpec", "replicas", "revisionHistoryLimit");
    keep("StatefulSetStatus", "replicas", "collisionCount");
    keep("RollingUpdateStatefulSetStrategy", "partition");
    // batch/v1
    keep("JobSpec", "parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
        "backoffLimitPerIndex", "maxFailedIndexes", "ttlSecondsAfterFinished", "completionMode",
        "suspend", "podReplacementPolicy", "manualSelector", "managedBy");
    keep("JobStatus", "ready", "terminating", "failedIndexes");
    keep("PodFailurePolicyOnExitCodesRequirement", "containerName");
    keep("SuccessPolicyRule", "succeededIndexes", "succeededCount");
    keep("CronJobSpec", "timeZone", "startingDeadlineSeconds", "suspend",
        "successfulJobsHistoryLimit", "failedJobsHistoryLimit");
    // networking, discovery, storage, coordination
    keep("IngressSpec", "ingressClassName");
    keep("HTTPIngressPath", "pathType");
    keep("IngressClassParametersReference", "aPIGroup", "scope", "namespace");
    keep("IngressPortStatus", "port", "error");
    keep("NetworkPolicyPort", "protocol", "endPort");
    keep("Endpoint", "hostname", "nodeName", "zone");
    keep("EndpointConditions", "ready", "serving", "terminating");
    keep("StorageClass", "reclaimPolicy", "allowVolumeExpansion", "volumeBindingMode");
    keep("LeaseSpec", "holderIdentity", "leaseDurationSeconds", "leaseTransitions", "strategy",
        "preferredHolder");
    // autoscaling/v2, policy/v1
    keep("HorizontalPodAutoscalerSpec", "minReplicas", "maxReplicas");
    keep("HorizontalPodAutoscalerStatus", "observedGeneration", "desiredReplicas");
    keep("HPAScalingRules", "stabilizationWindowSeconds", "selectPolicy");
    keep("HPAScalingPolicy", "value", "periodSeconds");
    keep("MetricTarget", "averageUtilization");
    keep("MetricValueStatus", "averageUtilization");
    keep("PodDisruptionBudgetSpec", "unhealthyPodEvictionPolicy");
    keep("PodDisruptionBudgetStatus", "disruptionsAllowed", "currentHealthy", "desiredHealthy",
        "expectedPods");
    // apiextensions/v1
    keep("CustomResourceDefinitionVersion", "served", "storage", "deprecationWarning");
    keep("CustomResourceSubresourceScale", "labelSelectorPath");
    keep("WebhookClientConfig", "url");
    keep("ServiceReference", "path", "port");
    keep("JSONSchemaProps", "maximum", "minimum", "multipleOf", "maxLength", "minLength",
        "maxItems", "minItems", "maxProperties", "minProperties",
        "xKubernetesPreserveUnknownFields", "xKubernetesListType", "xKubernetesMapType");
    keep("ValidationRule", "optionalOldSelf", "reason");

    // Go structs embedded with `json:",inline"`: their fields belong to the parent object.
    embed("ConfigMapEnvSource", "localObjectReference");
    embed("ConfigMapKeySelector", "localObjectReference");
    embed("ConfigMapProjection", "localObjectReference");
    embed("ConfigMapVolumeSource", "localObjectReference");
    embed("SecretEnvSource", "localObjectReference");
    embed("SecretKeySelector", "localObjectReference");
    embed("SecretProjection", "localObjectReference");
    embed("EphemeralContainer", "ephemeralContainerCommon");
    embed("PersistentVolumeSpec", "persistentVolumeSource");
    embed("Probe", "handler");
    embed("Volume", "volumeSource");
    embed("IngressRule", "ingressRuleValue");
    embed("NamedRuleWithOperations", "ruleWithOperations");
    embed("RuleWithOperations", "rule");

    // Proto field names that are not the JSON names.
    RENAME.put("IngressClassParametersReference.aPIGroup", "apiGroup");
    RENAME.put("BoundObjectReference.uID", "uid");
    RENAME.put("MutatingWebhookConfiguration.Webhooks", "webhooks");
    RENAME.put("ValidatingWebhookConfiguration.Webhooks", "webhooks");
    RENAME.put("Validation.Expression", "expression");
    RENAME.put("Variable.Expression", "expression");
    RENAME.put("Variable.Name", "name");
    RENAME.put("JSONSchemaProps.ref", "$ref");
    RENAME.put("JSONSchemaProps.schema", "$schema");
    for (String x : new String[] {"EmbeddedResource", "IntOrString", "ListMapKeys", "ListType",
        "MapType", "PreserveUnknownFields", "Validations"}) {
      RENAME.put("JSONSchemaProps.xKubernetes" + x, "x-kubernetes-" + kebab(x));
    }
  }

  private GoFields() {}

  /** True when Go keeps an explicit zero of this field in JSON (pointer or no omitempty). */
  static boolean keepsZero(String message, String field) {
    return KEEP_ZERO.contains(message + "." + field);
  }

  /** True when the field is an embedded Go struct whose fields are the parent's. */
  static boolean inline(String message, String field) {
    return INLINE.contains(message + "." + field);
  }

  /** The JSON name of a proto field. */
  static String jsonName(String message, String field) {
    return RENAME.getOrDefault(message + "." + field, field);
  }

  /** Every table key, for the test that checks them against the descriptors. */
  static Set<String> keys() {
    Set<String> all = new HashSet<>(KEEP_ZERO);
    all.addAll(INLINE);
    all.addAll(RENAME.keySet());
    return all;
  }

  private static void keep(String message, String... fields) {
    for (String f : fields) {
      KEEP_ZERO.add(message + "." + f);
    }
  }

  private static void embed(String message, String field) {
    INLINE.add(message + "." + field);
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
  }
}
