package io.logplane.projections.podsecurity;

import static io.logplane.projections.podsecurity.PodChecks.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The restricted level's own checks, each failing with kube's reason and detail, or null when allowed. */
final class RestrictedChecks {

  private RestrictedChecks() {}

  static Result allowPrivilegeEscalation(JsonNode meta, JsonNode spec, int minor) {
    if (windowsExempt(spec, minor)) {
      return null;
    }
    List<String> bad = new ArrayList<>();
    for (JsonNode c : containers(spec)) {
      JsonNode value = securityContext(c).path("allowPrivilegeEscalation");
      if (!value.isBoolean() || value.booleanValue()) {
        bad.add(name(c));
      }
    }
    return bad.isEmpty() ? null : new Result("allowPrivilegeEscalation != false",
        containersPhrase(bad) + " must set securityContext.allowPrivilegeEscalation=false");
  }

  static Result capabilitiesRestricted(JsonNode meta, JsonNode spec, int minor) {
    if (windowsExempt(spec, minor)) {
      return null;
    }
    List<String> missingDropAll = new ArrayList<>();
    List<String> adding = new ArrayList<>();
    Set<String> forbidden = new TreeSet<>();
    for (JsonNode c : containers(spec)) {
      JsonNode caps = securityContext(c).path("capabilities");
      if (!present(caps) || !contains(caps.path("drop"), "ALL")) {
        missingDropAll.add(name(c));
      }
      boolean addedForbidden = false;
      for (JsonNode cap : caps.path("add")) {
        if (!"NET_BIND_SERVICE".equals(text(cap))) {
          addedForbidden = true;
          forbidden.add(text(cap));
        }
      }
      if (addedForbidden) {
        adding.add(name(c));
      }
    }
    return capabilitiesRestrictedResult(missingDropAll, adding, forbidden);
  }

  static Result capabilitiesRestrictedResult(List<String> missingDropAll, List<String> adding,
      Set<String> forbidden) {
    List<String> details = new ArrayList<>();
    if (!missingDropAll.isEmpty()) {
      details.add(containersPhrase(missingDropAll) + " must set securityContext.capabilities.drop=[\"ALL\"]");
    }
    if (!adding.isEmpty()) {
      details.add(containersPhrase(adding) + " must not include " + joinQuote(forbidden)
          + " in securityContext.capabilities.add");
    }
    return details.isEmpty() ? null : new Result("unrestricted capabilities", String.join("; ", details));
  }

  static Result restrictedVolumes(JsonNode meta, JsonNode spec, int minor) {
    List<String> bad = new ArrayList<>();
    Set<String> types = new TreeSet<>();
    for (JsonNode volume : spec.path("volumes")) {
      if (ALLOWED_VOLUMES.stream().noneMatch(type -> present(volume.path(type)))) {
        bad.add(name(volume));
        types.add(RESTRICTED_VOLUMES.stream().filter(type -> present(volume.path(type))).findFirst()
            .orElse("unknown"));
      }
    }
    return bad.isEmpty() ? null : new Result("restricted volume types", pluralize("volume", "volumes", bad.size())
        + " " + joinQuote(bad) + " " + pluralize("uses", "use", bad.size()) + " "
        + pluralize("restricted volume type", "restricted volume types", types.size()) + " " + joinQuote(types));
  }

  static Result runAsNonRoot(JsonNode meta, JsonNode spec, int minor) {
    List<String> setters = new ArrayList<>();
    JsonNode pod = spec.path("securityContext").path("runAsNonRoot");
    boolean podNonRoot = isTrue(pod);
    if (isFalse(pod)) {
      setters.add("pod");
    }
    List<String> explicit = new ArrayList<>();
    List<String> implicit = new ArrayList<>();
    for (JsonNode c : containers(spec)) {
      JsonNode value = securityContext(c).path("runAsNonRoot");
      if (isFalse(value)) {
        explicit.add(name(c));
      } else if (!present(value) && !podNonRoot) {
        implicit.add(name(c));
      }
    }
    addContainers(setters, explicit);
    if (!setters.isEmpty()) {
      return new Result("runAsNonRoot != true",
          String.join(" and ", setters) + " must not set securityContext.runAsNonRoot=false");
    }
    return implicit.isEmpty() ? null : new Result("runAsNonRoot != true",
        "pod or " + containersPhrase(implicit) + " must set securityContext.runAsNonRoot=true");
  }

  static Result runAsUser(JsonNode meta, JsonNode spec, int minor) {
    List<String> setters = new ArrayList<>();
    if (isZero(spec.path("securityContext").path("runAsUser"))) {
      setters.add("pod");
    }
    List<String> bad = new ArrayList<>();
    for (JsonNode c : containers(spec)) {
      if (isZero(securityContext(c).path("runAsUser"))) {
        bad.add(name(c));
      }
    }
    addContainers(setters, bad);
    return setters.isEmpty() ? null
        : new Result("runAsUser=0", String.join(" and ", setters) + " must not set runAsUser=0");
  }

  static Result seccompProfileRestricted(JsonNode meta, JsonNode spec, int minor) {
    return windowsExempt(spec, minor) ? null : seccompFields(spec, true);
  }
}
