package io.logplane.projections.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.podsecurity.PodSecurityStandards.LevelVersion;
import io.logplane.projections.podsecurity.PodSecurityStandards.Policy;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * kube's PodSecurity admission plugin over {@link PodSecurityStandards}: a namespace's
 * {@code pod-security.kubernetes.io/enforce|warn|audit} labels decide. A pod created in it that
 * violates the enforce level is refused (403, kube's words); one that violates the warn level is
 * admitted with a warning. Objects that hold a pod template (Deployments, Jobs, ...) are only
 * warned about, never refused, as kube's plugin does: the pods their controllers create are
 * what is enforced. A namespace without labels is privileged: nothing is checked.
 */
public final class PodSecurityAdmission {

  /** The resources of group/resource whose objects hold a pod template, as kube's plugin reads them. */
  private static final Set<String> TEMPLATES = Set.of("core/replicationcontrollers", "core/podtemplates",
      "apps/replicasets", "apps/deployments", "apps/statefulsets", "apps/daemonsets", "batch/jobs", "batch/cronjobs");

  /** The audit annotations the plugin notes, under its name as kube's admission chain prefixes them. */
  public static final String ENFORCE_POLICY = "pod-security.kubernetes.io/enforce-policy";
  public static final String AUDIT_VIOLATIONS = "pod-security.kubernetes.io/audit-violations";

  /**
   * What the plugin says of an object: why it is refused (null: admitted), the warnings, and the
   * audit annotations of the request (the enforce level a pod was held to; what the audit level
   * finds, {@code would violate PodSecurity ...}).
   */
  public record Decision(String forbidden, List<String> warnings, java.util.Map<String, String> audit) {
    static final Decision ALLOWED = new Decision(null, List.of(), java.util.Map.of());

    public Decision(String forbidden, List<String> warnings) {
      this(forbidden, warnings, java.util.Map.of());
    }
  }

  private PodSecurityAdmission() {}

  /** A pod created in {@code namespace} (the Namespace object, null when unknown). */
  public static Decision pod(JsonNode namespace, String name, JsonNode pod) {
    return pod(PodSecurityConfiguration.NONE, null, namespace, name, pod);
  }

  /**
   * A pod created by {@code user} in {@code namespace}, under the server's configuration: its
   * defaults stand for the namespace's missing labels; an exempt write is not checked.
   */
  public static Decision pod(PodSecurityConfiguration config, String user, JsonNode namespace, String name,
      JsonNode pod) {
    String exempt = config.exemption(user, namespaceName(namespace, pod), pod.path("spec"));
    if (exempt != null) {
      return new Decision(null, List.of(), java.util.Map.of(PodSecurityConfiguration.EXEMPT, exempt));
    }
    Policy policy = policy(config.labels(namespace));
    if (policy == null) {
      return PRIVILEGED;
    }
    JsonNode meta = pod.path("metadata");
    JsonNode spec = pod.path("spec");
    java.util.Map<String, String> audit = audit(policy, meta, spec);
    audit.put(ENFORCE_POLICY, policy.enforce().toString());
    String enforced = PodSecurityStandards.forbiddenDetail(policy.enforce(), meta, spec);
    if (!enforced.isEmpty()) {
      return new Decision("pods \"" + name + "\" is forbidden: violates PodSecurity \"" + policy.enforce() + "\": "
          + enforced, List.of(), audit);
    }
    return new Decision(null, warning(policy.warn(), meta, spec), audit);
  }

  /** A pod in a namespace without the plugin's labels: held to privileged:latest, as kube notes it. */
  private static final Decision PRIVILEGED = new Decision(null, List.of(),
      java.util.Map.of(ENFORCE_POLICY, LevelVersion.PRIVILEGED_LATEST.toString()));

  /** The audit level's violations, when it finds any. */
  private static java.util.Map<String, String> audit(Policy policy, JsonNode meta, JsonNode spec) {
    java.util.Map<String, String> audit = new java.util.LinkedHashMap<>();
    String violations = PodSecurityStandards.forbiddenDetail(policy.audit(), meta, spec);
    if (!violations.isEmpty()) {
      audit.put(AUDIT_VIOLATIONS, "would violate PodSecurity \"" + policy.audit() + "\": " + violations);
    }
    return audit;
  }

  /** An object of {@code group/resource} written in {@code namespace}: warnings for its pod template. */
  public static Decision workload(JsonNode namespace, String group, String resource, JsonNode object) {
    return workload(PodSecurityConfiguration.NONE, null, namespace, group, resource, object);
  }

  /** As {@link #workload(JsonNode, String, String, JsonNode)} under the server's configuration. */
  public static Decision workload(PodSecurityConfiguration config, String user, JsonNode namespace, String group,
      String resource, JsonNode object) {
    Optional<JsonNode> template = template(group, resource, object);
    if (template.isEmpty()) {
      return Decision.ALLOWED;
    }
    String exempt = config.exemption(user, namespaceName(namespace, object), template.get().path("spec"));
    if (exempt != null) {
      return new Decision(null, List.of(), java.util.Map.of(PodSecurityConfiguration.EXEMPT, exempt));
    }
    Policy policy = policy(config.labels(namespace));
    if (policy == null) {
      return Decision.ALLOWED;
    }
    JsonNode meta = template.get().path("metadata");
    JsonNode spec = template.get().path("spec");
    return new Decision(null, warning(policy.warn(), meta, spec), audit(policy, meta, spec));
  }

  /**
   * kube's isSignificantPodUpdate: a pod's update is checked again only when it adds or removes a
   * container or changes an image (the only fields of a pod's spec that an update may change
   * that a check could read are images; ephemeral containers come through their subresource).
   */
  public static boolean significantUpdate(JsonNode old, JsonNode pod) {
    for (String list : List.of("containers", "initContainers")) {
      JsonNode a = old.path("spec").path(list);
      JsonNode b = pod.path("spec").path(list);
      if (a.size() != b.size()) {
        return true;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).path("image").equals(b.get(i).path("image"))) {
          return true;
        }
      }
    }
    return false;
  }

  /** kube's bound on the pods a namespace's new enforce level is tried on. */
  public static final int MAX_PODS_CHECKED = 3000;

  /**
   * The warnings of a namespace whose labels change from {@code old} to {@code updated}, as kube's
   * plugin dry-runs a stricter enforce level on the pods already there ({@code pods}, at most
   * {@link #MAX_PODS_CHECKED} of {@code total}): none when the enforce level is unchanged,
   * privileged, or relaxed at the same version; else a line naming the level, then one per
   * distinct set of reasons, with the first pod's name (by name) and how many others share them.
   */
  public static List<String> newEnforceLevel(JsonNode old, JsonNode updated, String namespace, List<JsonNode> pods,
      int total) {
    if (!tightensEnforce(old, updated)) {
      return List.of();
    }
    LevelVersion after = Policy.of(updated.path("metadata").path("labels")).enforce();
    java.util.Map<String, String[]> firstAndCount = new java.util.LinkedHashMap<>();
    for (JsonNode pod : pods) {
      String reasons = PodSecurityStandards.forbiddenReasons(after, pod.path("metadata"), pod.path("spec"));
      if (!reasons.isEmpty()) {
        String name = pod.path("metadata").path("name").asText();
        String[] seen = firstAndCount.computeIfAbsent(reasons, r -> new String[] {name, "0"});
        if (name.compareTo(seen[0]) < 0) {
          seen[0] = name;
        }
        seen[1] = Integer.toString(Integer.parseInt(seen[1]) + 1);
      }
    }
    List<String> warnings = new java.util.ArrayList<>();
    if (pods.size() < total) {
      warnings.add("new PodSecurity enforce level only checked against the first " + pods.size() + " of " + total
          + " existing pods");
    }
    if (!firstAndCount.isEmpty()) {
      warnings.add("existing pods in namespace \"" + namespace + "\" violate the new PodSecurity enforce level \""
          + after + "\"");
    }
    List<String> perPod = new java.util.ArrayList<>();
    firstAndCount.forEach((reasons, seen) -> {
      int n = Integer.parseInt(seen[1]);
      perPod.add(seen[0] + (n == 1 ? "" : n == 2 ? " (and 1 other pod)" : " (and " + (n - 1) + " other pods)")
          + ": " + reasons);
    });
    java.util.Collections.sort(perPod);
    warnings.addAll(perPod);
    return warnings;
  }

  /**
   * Whether a namespace's update asks for its pods to be tried on a new enforce level: not when
   * it is unchanged, privileged, or relaxed at the same version.
   */
  public static boolean tightensEnforce(JsonNode old, JsonNode updated) {
    LevelVersion before = Policy.of(old.path("metadata").path("labels")).enforce();
    LevelVersion after = Policy.of(updated.path("metadata").path("labels")).enforce();
    return !(after.equals(before) || after.level() == PodSecurityStandards.Level.PRIVILEGED
        || after.version().equals(before.version()) && after.level().compareTo(before.level()) <= 0);
  }

  /** Whether objects of group/resource hold a pod template the plugin reads. */
  public static boolean holdsTemplate(String group, String resource) {
    return TEMPLATES.contains((group.isEmpty() ? "core" : group) + "/" + resource);
  }

  private static Optional<JsonNode> template(String group, String resource, JsonNode object) {
    if (!holdsTemplate(group, resource)) {
      return Optional.empty();
    }
    JsonNode t = switch (resource) {
      case "podtemplates" -> object.path("template");
      case "cronjobs" -> object.path("spec").path("jobTemplate").path("spec").path("template");
      default -> object.path("spec").path("template");
    };
    return t.isObject() ? Optional.of(t) : Optional.empty();
  }

  private static List<String> warning(LevelVersion warn, JsonNode meta, JsonNode spec) {
    String detail = PodSecurityStandards.forbiddenDetail(warn, meta, spec);
    return detail.isEmpty() ? List.of() : List.of("would violate PodSecurity \"" + warn + "\": " + detail);
  }

  /** The name of the namespace an object is written in. */
  private static String namespaceName(JsonNode namespace, JsonNode object) {
    return namespace != null ? namespace.path("metadata").path("name").asText("")
        : object.path("metadata").path("namespace").asText("");
  }

  /** The policy of a namespace's labels, or null when nothing would be checked (no labels of the plugin's). */
  private static Policy policy(JsonNode labels) {
    if (labels == null || !labels.isObject()) {
      return null;
    }
    boolean any = false;
    for (var it = labels.fieldNames(); it.hasNext(); ) {
      any |= it.next().startsWith("pod-security.kubernetes.io/");
    }
    return any ? Policy.of(labels) : null;
  }
}
