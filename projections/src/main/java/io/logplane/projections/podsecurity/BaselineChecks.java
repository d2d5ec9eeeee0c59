package io.logplane.projections.podsecurity;

import static io.logplane.projections.podsecurity.PodChecks.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.selectors.GoStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The baseline level's checks, each failing with kube's reason and detail, or null when allowed. */
final class BaselineChecks {

  private BaselineChecks() {}

  static Result appArmorProfile(JsonNode meta, JsonNode spec, int minor) {
    List<String> forbidden = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : fields(meta.path("annotations"))) {
      String value = text(e.getValue());
      if (e.getKey().startsWith(APPARMOR_PREFIX) && !allowedAppArmor(value)) {
        forbidden.add(e.getKey() + "=" + GoStrings.quote(value));
      }
    }
    if (forbidden.isEmpty()) {
      return null;
    }
    forbidden.sort(null);
    return new Result(pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", forbidden.size()),
        String.join(", ", forbidden));
  }

  static boolean allowedAppArmor(String profile) {
    return profile.isEmpty() || profile.equals("runtime/default") || profile.startsWith("localhost/");
  }

  static Result capabilitiesBaseline(JsonNode meta, JsonNode spec, int minor) {
    List<String> bad = new ArrayList<>();
    Set<String> caps = new TreeSet<>();
    for (JsonNode c : containers(spec)) {
      boolean valid = true;
      for (JsonNode cap : securityContext(c).path("capabilities").path("add")) {
        if (!BASELINE_CAPABILITIES.contains(text(cap))) {
          valid = false;
          caps.add(text(cap));
        }
      }
      if (!valid) {
        bad.add(name(c));
      }
    }
    return bad.isEmpty() ? null : new Result("non-default capabilities",
        containersPhrase(bad) + " must not include " + joinQuote(caps) + " in securityContext.capabilities.add");
  }

  static Result hostNamespaces(JsonNode meta, JsonNode spec, int minor) {
    List<String> set = new ArrayList<>();
    for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (isTrue(spec.path(field))) {
        set.add(field + "=true");
      }
    }
    return set.isEmpty() ? null : new Result("host namespaces", String.join(", ", set));
  }

  static Result hostPathVolumes(JsonNode meta, JsonNode spec, int minor) {
    List<String> bad = new ArrayList<>();
    for (JsonNode volume : spec.path("volumes")) {
      if (present(volume.path("hostPath"))) {
        bad.add(name(volume));
      }
    }
    return bad.isEmpty() ? null : new Result("hostPath volumes",
        pluralize("volume", "volumes", bad.size()) + " " + joinQuote(bad));
  }

  static Result hostPorts(JsonNode meta, JsonNode spec, int minor) {
    List<String> bad = new ArrayList<>();
    Set<String> ports = new TreeSet<>();
    for (JsonNode c : containers(spec)) {
      boolean valid = true;
      for (JsonNode port : c.path("ports")) {
        long hostPort = port.path("hostPort").asLong(0);
        if (hostPort != 0) {
          valid = false;
          ports.add(Long.toString(hostPort));
        }
      }
      if (!valid) {
        bad.add(name(c));
      }
    }
    return bad.isEmpty() ? null : new Result("hostPort", containersPhrase(bad) + " "
        + pluralize("uses", "use", bad.size()) + " " + pluralize("hostPort", "hostPorts", ports.size()) + " "
        + String.join(", ", ports));
  }

  static Result privileged(JsonNode meta, JsonNode spec, int minor) {
    List<String> bad = new ArrayList<>();
    for (JsonNode c : containers(spec)) {
      if (isTrue(securityContext(c).path("privileged"))) {
        bad.add(name(c));
      }
    }
    return bad.isEmpty() ? null
        : new Result("privileged", containersPhrase(bad) + " must not set securityContext.privileged=true");
  }

  static Result procMount(JsonNode meta, JsonNode spec, int minor) {
    List<String> bad = new ArrayList<>();
    Set<String> types = new TreeSet<>();
    for (JsonNode c : containers(spec)) {
      JsonNode procMount = securityContext(c).path("procMount");
      if (present(procMount) && !"Default".equals(text(procMount))) {
        bad.add(name(c));
        types.add(text(procMount));
      }
    }
    return bad.isEmpty() ? null : new Result("procMount",
        containersPhrase(bad) + " must not set securityContext.procMount to " + joinQuote(types));
  }

  static Result seLinuxOptions(JsonNode meta, JsonNode spec, int minor) {
    SeLinux seLinux = new SeLinux();
    List<String> setters = new ArrayList<>();
    JsonNode podOptions = spec.path("securityContext").path("seLinuxOptions");
    if (present(podOptions) && !seLinux.valid(podOptions)) {
      setters.add("pod");
    }
    List<String> bad = new ArrayList<>();
    for (JsonNode c : containers(spec)) {
      JsonNode options = securityContext(c).path("seLinuxOptions");
      if (present(options) && !seLinux.valid(options)) {
        bad.add(name(c));
      }
    }
    addContainers(setters, bad);
    return setters.isEmpty() ? null : new Result("seLinuxOptions", String.join(" and ", setters)
        + " set forbidden securityContext.seLinuxOptions: " + String.join("; ", seLinux.problems()));
  }

  /** What the seLinuxOptions check found across the pod and its containers. */
  static final class SeLinux {
    private final Set<String> badTypes = new TreeSet<>();
    private boolean setUser;
    private boolean setRole;

    boolean valid(JsonNode options) {
      String type = text(options.path("type"));
      boolean typeOk = SELINUX_TYPES.contains(type);
      if (!typeOk) {
        badTypes.add(type);
      }
      boolean user = !text(options.path("user")).isEmpty();
      boolean role = !text(options.path("role")).isEmpty();
      setUser |= user;
      setRole |= role;
      return typeOk && !user && !role;
    }

    List<String> problems() {
      List<String> problems = new ArrayList<>();
      if (!badTypes.isEmpty()) {
        problems.add(pluralize("type", "types", badTypes.size()) + " " + joinQuote(badTypes));
      }
      if (setUser) {
        problems.add("user may not be set");
      }
      if (setRole) {
        problems.add("role may not be set");
      }
      return problems;
    }
  }

  static Result seccompProfileBaseline(JsonNode meta, JsonNode spec, int minor) {
    return minor < 19 ? seccompAnnotations(meta, spec) : seccompFields(spec, false);
  }

  static Result seccompAnnotations(JsonNode meta, JsonNode spec) {
    JsonNode annotations = meta.path("annotations");
    Set<String> forbidden = new TreeSet<>();
    List<String> keys = new ArrayList<>(List.of(SECCOMP_POD));
    containers(spec).forEach(c -> keys.add(SECCOMP_CONTAINER_PREFIX + name(c)));
    for (String key : keys) {
      JsonNode value = annotations.path(key);
      if (!value.isMissingNode() && !validSeccompAnnotation(text(value))) {
        forbidden.add(key + "=" + GoStrings.quote(text(value)));
      }
    }
    return forbidden.isEmpty() ? null : new Result("seccompProfile",
        "forbidden " + pluralize("annotation", "annotations", forbidden.size()) + " " + String.join(", ", forbidden));
  }

  static boolean validSeccompAnnotation(String value) {
    return value.equals("runtime/default") || value.equals("docker/default") || value.startsWith("localhost/");
  }

  static Result sysctls(JsonNode meta, JsonNode spec, int minor) {
    Set<String> allowed = minor < 27 ? SYSCTLS_1_0 : SYSCTLS_1_27;
    List<String> forbidden = new ArrayList<>();
    for (JsonNode sysctl : spec.path("securityContext").path("sysctls")) {
      if (!allowed.contains(text(sysctl.path("name")))) {
        forbidden.add(text(sysctl.path("name")));
      }
    }
    return forbidden.isEmpty() ? null : new Result("forbidden sysctls", String.join(", ", forbidden));
  }

  static Result windowsHostProcess(JsonNode meta, JsonNode spec, int minor) {
    List<String> bad = new ArrayList<>();
    for (JsonNode c : containers(spec)) {
      if (isTrue(securityContext(c).path("windowsOptions").path("hostProcess"))) {
        bad.add(name(c));
      }
    }
    List<String> setters = new ArrayList<>();
    if (isTrue(spec.path("securityContext").path("windowsOptions").path("hostProcess"))) {
      setters.add("pod");
    }
    addContainers(setters, bad);
    return setters.isEmpty() ? null : new Result("hostProcess",
        String.join(" and ", setters) + " must not set securityContext.windowsOptions.hostProcess=true");
  }
}
