package io.logplane.api.table;

import java.util.Map;

/** The printer of each built-in kind; kinds without one get the default name-and-time table. */
final class Printers {

  private static final Printer DEFAULT = new DefaultPrinter();

  private static final Map<String, Printer> BY_KIND = Map.ofEntries(
      Map.entry("Pod", new PodPrinter()),
      Map.entry("Service", ServicePrinters.service()),
      Map.entry("Endpoints", ServicePrinters.endpoints()),
      Map.entry("EndpointSlice", ServicePrinters.endpointSlice()),
      Map.entry("Ingress", ServicePrinters.ingress()),
      Map.entry("IngressClass", ServicePrinters.ingressClass()),
      Map.entry("NetworkPolicy", ServicePrinters.networkPolicy()),
      Map.entry("Namespace", CorePrinters.namespace()),
      Map.entry("Node", CorePrinters.node()),
      Map.entry("ConfigMap", CorePrinters.configMap()),
      Map.entry("Secret", CorePrinters.secret()),
      Map.entry("ServiceAccount", CorePrinters.serviceAccount()),
      Map.entry("ResourceQuota", CorePrinters.resourceQuota()),
      Map.entry("Event", new EventPrinter()),
      Map.entry("PersistentVolume", StoragePrinters.persistentVolume()),
      Map.entry("PersistentVolumeClaim", StoragePrinters.persistentVolumeClaim()),
      Map.entry("StorageClass", StoragePrinters.storageClass()),
      Map.entry("Deployment", WorkloadPrinters.deployment()),
      Map.entry("ReplicaSet", WorkloadPrinters.replicaSet()),
      Map.entry("ReplicationController", WorkloadPrinters.replicationController()),
      Map.entry("StatefulSet", WorkloadPrinters.statefulSet()),
      Map.entry("DaemonSet", WorkloadPrinters.daemonSet()),
      Map.entry("Job", WorkloadPrinters.job()),
      Map.entry("CronJob", WorkloadPrinters.cronJob()),
      Map.entry("Lease", ControlPrinters.lease()),
      Map.entry("RoleBinding", ControlPrinters.roleBinding(false)),
      Map.entry("ClusterRoleBinding", ControlPrinters.roleBinding(true)),
      Map.entry("ControllerRevision", ControlPrinters.controllerRevision()),
      Map.entry("PodDisruptionBudget", ControlPrinters.podDisruptionBudget()),
      Map.entry("ValidatingAdmissionPolicy", ControlPrinters.validatingAdmissionPolicy()),
      Map.entry("FlowSchema", ControlPrinters.flowSchema()),
      Map.entry("PriorityLevelConfiguration", ControlPrinters.priorityLevelConfiguration()),
      Map.entry("CertificateSigningRequest", ControlPrinters.certificateSigningRequest()),
      Map.entry("ValidatingAdmissionPolicyBinding", ControlPrinters.validatingAdmissionPolicyBinding()),
      Map.entry("HorizontalPodAutoscaler", HpaPrinter.create()));

  private Printers() {}

  static Printer forKind(String kind) {
    return BY_KIND.getOrDefault(kind, DEFAULT);
  }
}
