package io.logplane.api.resources;

import java.util.ArrayList;
import java.util.List;

/** The built-in resource kinds Logplane serves, with their usual groups, scopes and short names. */
public final class BuiltinResources {

  private static final String CORE = "io.fabric8.kubernetes.api.model.";
  private static final List<String> NONE = List.of();
  private static final List<String> ALL = List.of("all");
  private static final List<String> STATUS = List.of("status");
  private static final List<String> STATUS_SCALE = List.of("status", "scale");

  /** The legacy {@code bindings} of core/v1: a create of one binds the pod it names. */
  public static final ResourceType BINDINGS =
      new ResourceType("", "v1", "bindings", "binding", "Binding", true, NONE, NONE, NONE, CORE + "Binding");

  private BuiltinResources() {}

  /**
   * Resources that take a create only and keep no object of their own (kube-apiserver's
   * {@code bindings}): served and listed in discovery with the one verb, but not among
   * {@link #all()}, as there is nothing of them to list, watch, print or document.
   */
  public static List<ResourceType> createOnly() {
    return CREATE_ONLY;
  }

  private static final String AUTHN = "authentication.k8s.io";
  private static final String AUTHZ = "authorization.k8s.io";
  private static final List<ResourceType> CREATE_ONLY = List.of(BINDINGS,
      // the reviews: answered, never stored (their model classes are not this server's)
      review(AUTHN, "selfsubjectreviews", "SelfSubjectReview", false),
      review(AUTHN, "tokenreviews", "TokenReview", false),
      review(AUTHZ, "localsubjectaccessreviews", "LocalSubjectAccessReview", true),
      review(AUTHZ, "selfsubjectaccessreviews", "SelfSubjectAccessReview", false),
      review(AUTHZ, "selfsubjectrulesreviews", "SelfSubjectRulesReview", false),
      review(AUTHZ, "subjectaccessreviews", "SubjectAccessReview", false));

  private static ResourceType review(String group, String resource, String kind, boolean namespaced) {
    return new ResourceType(group, "v1", resource, kind.toLowerCase(), kind, namespaced, NONE, NONE, NONE, null);
  }

  /**
   * The subresources of a type that take a create only, with the kind they take: a pod's
   * {@code binding} and {@code eviction}, a service account's {@code token}. They are not among the type's {@link ResourceType#subresources()}, which
   * read and write the object itself.
   */
  public static java.util.Map<String, CreateOnly> createOnlySubresources(ResourceType t) {
    if (t.group().isEmpty() && t.resource().equals("serviceaccounts")) {
      return java.util.Map.of("token", new CreateOnly("authentication.k8s.io", "v1", "TokenRequest"));
    }
    if (!t.group().isEmpty() || !t.resource().equals("pods")) {
      return java.util.Map.of();
    }
    java.util.Map<String, CreateOnly> m = new java.util.LinkedHashMap<>();
    m.put("binding", new CreateOnly("", "", "Binding"));
    m.put("eviction", new CreateOnly("policy", "v1", "Eviction"));
    return m;
  }

  /** The kind a create-only subresource takes; group and version empty when they are the resource's. */
  public record CreateOnly(String group, String version, String kind) {}

  /** Every built-in resource, in discovery order (group by group). */
  public static List<ResourceType> all() {
    List<ResourceType> r = new ArrayList<>();
    // core/v1
    r.add(ns("", "v1", "pods", "Pod", List.of("po"), ALL, STATUS, CORE + "Pod"));
    r.add(ns("", "v1", "services", "Service", List.of("svc"), ALL, STATUS, CORE + "Service"));
    r.add(ns("", "v1", "endpoints", "Endpoints", List.of("ep"), NONE, NONE, CORE + "Endpoints"));
    r.add(ns("", "v1", "configmaps", "ConfigMap", List.of("cm"), NONE, NONE, CORE + "ConfigMap"));
    r.add(ns("", "v1", "secrets", "Secret", NONE, NONE, NONE, CORE + "Secret"));
    r.add(cl("", "v1", "namespaces", "Namespace", List.of("ns"), NONE, List.of("status", "finalize"),
        CORE + "Namespace"));
    r.add(cl("", "v1", "nodes", "Node", List.of("no"), NONE, STATUS, CORE + "Node"));
    r.add(ns("", "v1", "serviceaccounts", "ServiceAccount", List.of("sa"), NONE, NONE, CORE + "ServiceAccount"));
    r.add(cl("", "v1", "persistentvolumes", "PersistentVolume", List.of("pv"), NONE, STATUS, CORE + "PersistentVolume"));
    r.add(ns("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", List.of("pvc"), NONE, STATUS,
        CORE + "PersistentVolumeClaim"));
    r.add(ns("", "v1", "resourcequotas", "ResourceQuota", List.of("quota"), NONE, STATUS, CORE + "ResourceQuota"));
    r.add(ns("", "v1", "limitranges", "LimitRange", List.of("limits"), NONE, NONE, CORE + "LimitRange"));
    r.add(ns("", "v1", "events", "Event", List.of("ev"), NONE, NONE, CORE + "Event"));
    r.add(ns("", "v1", "replicationcontrollers", "ReplicationController", List.of("rc"), ALL, STATUS_SCALE,
        CORE + "ReplicationController"));
    // apps/v1
    String apps = CORE + "apps.";
    r.add(ns("apps", "v1", "deployments", "Deployment", List.of("deploy"), ALL, STATUS_SCALE, apps + "Deployment"));
    r.add(ns("apps", "v1", "replicasets", "ReplicaSet", List.of("rs"), ALL, STATUS_SCALE, apps + "ReplicaSet"));
    r.add(ns("apps", "v1", "daemonsets", "DaemonSet", List.of("ds"), ALL, STATUS, apps + "DaemonSet"));
    r.add(ns("apps", "v1", "statefulsets", "StatefulSet", List.of("sts"), ALL, STATUS_SCALE, apps + "StatefulSet"));
    r.add(ns("apps", "v1", "controllerrevisions", "ControllerRevision", NONE, NONE, NONE,
        apps + "ControllerRevision"));
    // batch/v1
    String batch = CORE + "batch.v1.";
    r.add(ns("batch", "v1", "jobs", "Job", NONE, ALL, STATUS, batch + "Job"));
    r.add(ns("batch", "v1", "cronjobs", "CronJob", List.of("cj"), ALL, STATUS, batch + "CronJob"));
    // networking.k8s.io/v1
    String net = CORE + "networking.v1.";
    r.add(ns("networking.k8s.io", "v1", "ingresses", "Ingress", List.of("ing"), NONE, STATUS, net + "Ingress"));
    r.add(cl("networking.k8s.io", "v1", "ingressclasses", "IngressClass", NONE, NONE, NONE, net + "IngressClass"));
    r.add(ns("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", List.of("netpol"), NONE, NONE,
        net + "NetworkPolicy"));
    // discovery.k8s.io/v1
    r.add(ns("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", NONE, NONE, NONE,
        CORE + "discovery.v1.EndpointSlice"));
    // rbac.authorization.k8s.io/v1
    String rbac = CORE + "rbac.";
    String rbacGroup = "rbac.authorization.k8s.io";
    r.add(ns(rbacGroup, "v1", "roles", "Role", NONE, NONE, NONE, rbac + "Role"));
    r.add(cl(rbacGroup, "v1", "clusterroles", "ClusterRole", NONE, NONE, NONE, rbac + "ClusterRole"));
    r.add(ns(rbacGroup, "v1", "rolebindings", "RoleBinding", NONE, NONE, NONE, rbac + "RoleBinding"));
    r.add(cl(rbacGroup, "v1", "clusterrolebindings", "ClusterRoleBinding", NONE, NONE, NONE,
        rbac + "ClusterRoleBinding"));
    // admissionregistration.k8s.io/v1
    String admission = CORE + "admissionregistration.v1.";
    String admissionGroup = "admissionregistration.k8s.io";
    r.add(cl(admissionGroup, "v1", "validatingadmissionpolicies", "ValidatingAdmissionPolicy", NONE,
        List.of("api-extensions"), STATUS, admission + "ValidatingAdmissionPolicy"));
    r.add(cl(admissionGroup, "v1", "validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding", NONE,
        List.of("api-extensions"), NONE, admission + "ValidatingAdmissionPolicyBinding"));
    // flowcontrol.apiserver.k8s.io/v1beta3, as kube 1.28 serves it (v1 came in 1.29)
    // modelled by fabric8's v1 classes: its v1beta3 ones lack spec.exempt, which v1beta3 has as v1 does
    String flow = CORE + "flowcontrol.v1.";
    r.add(cl("flowcontrol.apiserver.k8s.io", "v1beta3", "flowschemas", "FlowSchema", NONE, NONE, STATUS,
        flow + "FlowSchema"));
    r.add(cl("flowcontrol.apiserver.k8s.io", "v1beta3", "prioritylevelconfigurations", "PriorityLevelConfiguration",
        NONE, NONE, STATUS, flow + "PriorityLevelConfiguration"));
    // certificates.k8s.io/v1
    r.add(cl("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", List.of("csr"),
        NONE, List.of("approval", "status"), CORE + "certificates.v1.CertificateSigningRequest"));
    // storage.k8s.io/v1
    r.add(cl("storage.k8s.io", "v1", "storageclasses", "StorageClass", List.of("sc"), NONE, NONE,
        CORE + "storage.StorageClass"));
    // scheduling.k8s.io/v1
    r.add(cl("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", List.of("pc"), NONE, NONE,
        CORE + "scheduling.v1.PriorityClass"));
    // coordination.k8s.io/v1
    r.add(ns("coordination.k8s.io", "v1", "leases", "Lease", NONE, NONE, NONE,
        CORE + "coordination.v1.Lease"));
    // autoscaling/v2
    r.add(ns("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", List.of("hpa"), ALL,
        STATUS, CORE + "autoscaling.v2.HorizontalPodAutoscaler"));
    // autoscaling/v1, stored as v2 (the group's preferred and storage version, listed first)
    r.add(ns("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", List.of("hpa"), ALL,
        STATUS, CORE + "autoscaling.v1.HorizontalPodAutoscaler"));
    // policy/v1
    r.add(ns("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", List.of("pdb"), NONE, STATUS,
        CORE + "policy.v1.PodDisruptionBudget"));
    // events.k8s.io/v1, a view of core/v1's Events: one resource served through both groups
    r.add(new ResourceType("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), NONE, NONE,
        CORE + "events.v1.Event", ""));
    // apiextensions.k8s.io/v1
    r.add(cl("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition",
        List.of("crd", "crds"), List.of("api-extensions"), STATUS,
        CORE + "apiextensions.v1.CustomResourceDefinition"));
    return List.copyOf(r);
  }

  private static ResourceType ns(String g, String v, String res, String kind, List<String> shortNames,
      List<String> categories, List<String> sub, String model) {
    return new ResourceType(g, v, res, kind.toLowerCase(), kind, true, shortNames, categories, sub, model);
  }

  private static ResourceType cl(String g, String v, String res, String kind, List<String> shortNames,
      List<String> categories, List<String> sub, String model) {
    return new ResourceType(g, v, res, kind.toLowerCase(), kind, false, shortNames, categories, sub, model);
  }
}
