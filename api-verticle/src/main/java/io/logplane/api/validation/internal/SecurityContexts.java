package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import java.util.List;

/**
 * The security contexts of a pod and of its containers, as validatePodSpecSecurityContext and
 * ValidateSecurityContext check them: user and group IDs in 0-2147483647, known policies and
 * seccomp profile types, and the combinations that contradict each other. (Privileged containers
 * depend on the server's --allow-privileged, which Logplane does not have.)
 */
public final class SecurityContexts {

  private static final long MAX_ID = Integer.MAX_VALUE;
  private static final List<String> FS_GROUP_POLICIES = List.of("Always", "OnRootMismatch");
  private static final List<String> SECCOMP_TYPES = List.of("Localhost", "RuntimeDefault", "Unconfined");

  private SecurityContexts() {}

  /** The pod's {@code securityContext}, with the two fields of the spec kube keeps there too. */
  public static void pod(JsonNode spec, String path, FieldErrors errors) {
    JsonNode sc = spec.path("securityContext");
    String at = path + ".securityContext";
    id(sc, "fsGroup", at, errors);
    id(sc, "runAsUser", at, errors);
    id(sc, "runAsGroup", at, errors);
    JsonNode groups = sc.path("supplementalGroups");
    for (int i = 0; i < groups.size(); i++) {
      long gid = groups.get(i).asLong();
      if (gid < 0 || gid > MAX_ID) {
        errors.invalid(at + ".supplementalGroups[" + i + "]", gid, Names.inclusiveRange(0, MAX_ID));
      }
    }
    if (spec.path("shareProcessNamespace").asBoolean(false) && spec.path("hostPID").asBoolean(false)) {
      errors.invalid(at + ".shareProcessNamespace", true, "ShareProcessNamespace and HostPID cannot both be enabled");
    }
    String policy = sc.path("fsGroupChangePolicy").asText(null);
    if (policy != null && !FS_GROUP_POLICIES.contains(policy)) {
      errors.notSupported(at + ".fsGroupChangePolicy", policy, FS_GROUP_POLICIES);
    }
    seccomp(sc.get("seccompProfile"), at + ".seccompProfile", errors);
  }

  /** A container's {@code securityContext} at {@code path}. */
  public static void container(JsonNode sc, String path, FieldErrors errors) {
    if (sc == null || !sc.isObject()) {
      return;
    }
    id(sc, "runAsUser", path, errors);
    id(sc, "runAsGroup", path, errors);
    seccomp(sc.get("seccompProfile"), path + ".seccompProfile", errors);
    if (sc.path("allowPrivilegeEscalation").isBoolean() && !sc.get("allowPrivilegeEscalation").asBoolean()) {
      if (sc.path("privileged").asBoolean(false)) {
        errors.invalid(path, sc.toString(), "cannot set `allowPrivilegeEscalation` to false and `privileged` to true");
      }
      for (JsonNode cap : sc.path("capabilities").path("add")) {
        if (cap.asText().equals("CAP_SYS_ADMIN")) {
          errors.invalid(path, sc.toString(),
              "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN");
        }
      }
    }
  }

  private static void id(JsonNode sc, String field, String path, FieldErrors errors) {
    JsonNode v = sc.get(field);
    if (v != null && !v.isNull() && (v.asLong() < 0 || v.asLong() > MAX_ID)) {
      errors.invalid(path + "." + field, v.asLong(), Names.inclusiveRange(0, MAX_ID));
    }
  }

  private static void seccomp(JsonNode profile, String path, FieldErrors errors) {
    if (profile == null || profile.isNull()) {
      return;
    }
    String type = profile.path("type").asText("");
    if (type.isEmpty()) {
      errors.required(path + ".type", "type is required when seccompProfile is set");
    } else if (!SECCOMP_TYPES.contains(type)) {
      errors.notSupported(path + ".type", type, SECCOMP_TYPES);
    }
    JsonNode local = profile.get("localhostProfile");
    boolean hasLocal = local != null && !local.isNull();
    if (type.equals("Localhost") && !hasLocal) {
      errors.required(path + ".localhostProfile", "must be set when seccomp type is Localhost");
    } else if (type.equals("Localhost")) {
      LocalPaths.descending(local.asText(), path + ".localhostProfile", errors);
    } else if (hasLocal) {
      errors.invalid(path + ".localhostProfile", profile.toString(), "can only be set when seccomp type is Localhost");
    }
  }
}
