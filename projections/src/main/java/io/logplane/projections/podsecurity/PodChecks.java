package io.logplane.projections.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.logplane.projections.podsecurity.PodSecurityStandards.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The default checks of the Pod Security Standards, each as kube 1.28's pod-security-admission
 * words its forbidden reason and detail, in kube's evaluation order, with the versions from
 * which each applies ({@link PodSecurityStandards#forbiddenDetail} runs them).
 */
final class PodChecks {

  static final int NEVER = Integer.MAX_VALUE;

  static final String APPARMOR_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
  static final String SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod";
  static final String SECCOMP_CONTAINER_PREFIX = "container.seccomp.security.alpha.kubernetes.io/";

  static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE",
      "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID",
      "SYS_CHROOT");
  static final Set<String> SYSCTLS_1_0 = Set.of("kernel.shm_rmid_forced",
      "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
      "net.ipv4.ip_unprivileged_port_start");
  static final Set<String> SYSCTLS_1_27 = Set.of("kernel.shm_rmid_forced",
      "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
      "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports");
  static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t",
      "container_kvm_t");
  static final List<String> ALLOWED_VOLUMES = List.of("configMap", "csi", "downwardAPI", "emptyDir",
      "ephemeral", "persistentVolumeClaim", "projected", "secret");
  static final List<String> RESTRICTED_VOLUMES = List.of("hostPath", "gcePersistentDisk",
      "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs",
      "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk",
      "portworxVolume", "scaleIO", "storageos");

  /** The default checks in kube's evaluation order: baseline IDs sorted, then restricted IDs sorted. */
  static final List<Check> CHECKS = List.of(
      new Check(Level.BASELINE, 0, NEVER, BaselineChecks::appArmorProfile),
      new Check(Level.BASELINE, 0, 22, BaselineChecks::capabilitiesBaseline),
      new Check(Level.BASELINE, 0, NEVER, BaselineChecks::hostNamespaces),
      new Check(Level.BASELINE, 0, 0, BaselineChecks::hostPathVolumes),
      new Check(Level.BASELINE, 0, NEVER, BaselineChecks::hostPorts),
      new Check(Level.BASELINE, 0, NEVER, BaselineChecks::privileged),
      new Check(Level.BASELINE, 0, NEVER, BaselineChecks::procMount),
      new Check(Level.BASELINE, 0, NEVER, BaselineChecks::seLinuxOptions),
      new Check(Level.BASELINE, 0, 19, BaselineChecks::seccompProfileBaseline),
      new Check(Level.BASELINE, 0, NEVER, BaselineChecks::sysctls),
      new Check(Level.BASELINE, 0, NEVER, BaselineChecks::windowsHostProcess),
      new Check(Level.RESTRICTED, 8, NEVER, RestrictedChecks::allowPrivilegeEscalation),
      new Check(Level.RESTRICTED, 22, NEVER, RestrictedChecks::capabilitiesRestricted),
      new Check(Level.RESTRICTED, 0, NEVER, RestrictedChecks::restrictedVolumes),
      new Check(Level.RESTRICTED, 0, NEVER, RestrictedChecks::runAsNonRoot),
      new Check(Level.RESTRICTED, 23, NEVER, RestrictedChecks::runAsUser),
      new Check(Level.RESTRICTED, 19, NEVER, RestrictedChecks::seccompProfileRestricted));

  private PodChecks() {}


  @FunctionalInterface
  interface CheckFn {
    /** The failure, or null when allowed. */
    Result apply(JsonNode meta, JsonNode spec, int minor);
  }

  record Check(Level level, int since, int overriddenFrom, CheckFn fn) {
    boolean appliesTo(Level evaluated, int minor) {
      if (minor < since) {
        return false;
      }
      return level == evaluated || evaluated == Level.RESTRICTED && minor < overriddenFrom;
    }
  }

  record Result(String reason, String detail) {
    String format() {
      return detail.isEmpty() ? reason : reason + " (" + detail + ")";
    }
  }

  static boolean validSeccomp(String type) {
    return type.equals("Localhost") || type.equals("RuntimeDefault");
  }

  /** The seccompProfile field check; restricted also requires a valid profile on the pod or every container. */
  static Result seccompFields(JsonNode spec, boolean restricted) {
    List<String> setters = new ArrayList<>();
    Set<String> badValues = new TreeSet<>();
    boolean podSet = false;
    JsonNode podProfile = spec.path("securityContext").path("seccompProfile");
    if (present(podProfile)) {
      podSet = validSeccomp(text(podProfile.path("type")));
      if (!podSet) {
        setters.add("pod");
        badValues.add(text(podProfile.path("type")));
      }
    }
    List<String> explicit = new ArrayList<>();
    List<String> implicit = new ArrayList<>();
    for (JsonNode c : containers(spec)) {
      JsonNode profile = securityContext(c).path("seccompProfile");
      if (present(profile) && !validSeccomp(text(profile.path("type")))) {
        explicit.add(name(c));
        badValues.add(text(profile.path("type")));
      } else if (!present(profile) && !podSet) {
        implicit.add(name(c));
      }
    }
    addContainers(setters, explicit);
    if (!setters.isEmpty()) {
      return new Result("seccompProfile", String.join(" and ", setters)
          + " must not set securityContext.seccompProfile.type to " + joinQuote(badValues));
    }
    return !restricted || implicit.isEmpty() ? null : new Result("seccompProfile", "pod or "
        + containersPhrase(implicit) + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"");
  }

  // ---- helpers ----

  /** initContainers, containers and ephemeralContainers, in the order kube visits them. */
  static List<JsonNode> containers(JsonNode spec) {
    List<JsonNode> all = new ArrayList<>();
    for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
      spec.path(field).forEach(all::add);
    }
    return all;
  }

  static boolean windowsExempt(JsonNode spec, int minor) {
    return minor >= 25 && "windows".equals(text(spec.path("os").path("name")));
  }

  static JsonNode securityContext(JsonNode container) {
    return container.path("securityContext");
  }

  static String name(JsonNode node) {
    return text(node.path("name"));
  }

  static void addContainers(List<String> setters, List<String> containers) {
    if (!containers.isEmpty()) {
      setters.add(containersPhrase(containers));
    }
  }

  static String containersPhrase(List<String> names) {
    return pluralize("container", "containers", names.size()) + " " + joinQuote(names);
  }

  static String pluralize(String singular, String plural, int count) {
    return count == 1 ? singular : plural;
  }

  static String joinQuote(Iterable<String> items) {
    return items.iterator().hasNext() ? "\"" + String.join("\", \"", items) + "\"" : "";
  }

  static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  static boolean isTrue(JsonNode node) {
    return node.isBoolean() && node.booleanValue();
  }

  static boolean isFalse(JsonNode node) {
    return node.isBoolean() && !node.booleanValue();
  }

  static boolean isZero(JsonNode node) {
    return node.isNumber() && node.asLong() == 0;
  }

  static boolean contains(JsonNode array, String value) {
    for (JsonNode item : array) {
      if (value.equals(text(item))) {
        return true;
      }
    }
    return false;
  }

  static String text(JsonNode node) {
    return present(node) ? node.asText() : "";
  }

  static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    return () -> it;
  }

  static JsonNode missing() {
    return MissingNode.getInstance();
  }
}
