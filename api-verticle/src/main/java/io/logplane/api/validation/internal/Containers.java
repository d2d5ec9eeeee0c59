package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A list of containers as validateContainers checks it: each name a unique DNS label, an image,
 * ports, environment ({@link EnvVars}), mounts of declared volumes, pull policy, resources,
 * security context, probes ({@link Probes}); then host port clashes.
 */
public final class Containers {

  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final Set<String> MESSAGE_POLICIES = Set.of("File", "FallbackToLogsOnError");
  private static final List<String> INIT_FORBIDDEN = List.of("lifecycle", "livenessProbe", "readinessProbe",
      "startupProbe");

  private Containers() {}

  /** Checks the containers at {@code path}; {@code volumes} are the names of the pod's valid volumes. */
  public static void validate(JsonNode containers, boolean init, Set<String> volumes, String path,
      FieldErrors errors) {
    if (!init && containers.isEmpty()) {
      errors.required(path, null);
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      container(containers.get(i), names, volumes, path + "[" + i + "]", errors);
      if (!init) {
        Probes.validate(containers.get(i), path + "[" + i + "]", errors);
      }
    }
    Set<String> hostPorts = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      if (init) {
        hostPorts.clear();
      }
      JsonNode ports = containers.get(i).path("ports");
      for (int p = 0; p < ports.size(); p++) {
        JsonNode port = ports.get(p);
        long hostPort = port.path("hostPort").asLong(0);
        if (hostPort != 0) {
          String key = port.path("protocol").asText("TCP") + "/" + port.path("hostIP").asText("") + "/" + hostPort;
          if (!hostPorts.add(key)) {
            errors.duplicate(path + "[" + i + "].ports[" + p + "].hostPort", key);
          }
        }
      }
    }
  }

  /**
   * Init containers: also unique against the app containers, and without lifecycle or probes
   * (restartPolicy Always, which would allow them, is behind the SidecarContainers gate, off in 1.28).
   */
  public static void validateInit(JsonNode init, JsonNode containers, Set<String> volumes, String path,
      FieldErrors errors) {
    validate(init, true, volumes, path, errors);
    Set<String> names = new HashSet<>();
    containers.forEach(c -> names.add(c.path("name").asText("")));
    for (int i = 0; i < init.size(); i++) {
      JsonNode c = init.get(i);
      String name = c.path("name").asText("");
      if (names.contains(name)) {
        errors.duplicate(path + "[" + i + "].name", name);
      }
      if (!name.isEmpty()) {
        names.add(name);
      }
      for (String f : INIT_FORBIDDEN) {
        if (c.hasNonNull(f)) {
          errors.forbidden(path + "[" + i + "]." + f, "may not be set for init containers without restartPolicy=Always");
        }
      }
    }
  }

  private static void container(JsonNode c, Set<String> names, Set<String> volumes, String path,
      FieldErrors errors) {
    String name = c.path("name").asText("");
    if (name.isEmpty()) {
      errors.required(path + ".name", null);
    } else {
      Names.check(Names.isDns1123Label(name), path + ".name", name, errors);
    }
    if (!names.add(name)) {
      errors.duplicate(path + ".name", name);
    }
    if (c.path("image").asText("").isEmpty()) {
      errors.required(path + ".image", null);
    }
    String messagePolicy = c.path("terminationMessagePolicy").asText("File");
    if (!MESSAGE_POLICIES.contains(messagePolicy)) {
      errors.invalid(path + ".terminationMessagePolicy", messagePolicy, "must be 'File' or 'FallbackToLogsOnError'");
    }
    ports(c.path("ports"), path + ".ports", errors);
    EnvVars.validate(c, path, errors);
    mounts(c.path("volumeMounts"), volumes, path + ".volumeMounts", errors);
    String pull = c.path("imagePullPolicy").asText("");
    if (!pull.isEmpty() && !PULL_POLICIES.contains(pull)) {
      errors.notSupported(path + ".imagePullPolicy", pull, PULL_POLICIES);
    }
    Resources.validate(c.path("resources"), path + ".resources", errors);
    SecurityContexts.container(c.get("securityContext"), path + ".securityContext", errors);
  }

  private static void ports(JsonNode ports, String path, FieldErrors errors) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      JsonNode p = ports.get(i);
      String at = path + "[" + i + "]";
      String name = p.path("name").asText("");
      if (!name.isEmpty()) {
        List<String> bad = Names.isPortName(name);
        if (!bad.isEmpty()) {
          Names.check(bad, at + ".name", name, errors);
        } else if (!names.add(name)) {
          errors.duplicate(at + ".name", name);
        }
      }
      long port = p.path("containerPort").asLong(0);
      if (port == 0) {
        errors.required(at + ".containerPort", null);
      } else {
        Names.check(Names.isPortNumber(port), at + ".containerPort", port, errors);
      }
      long hostPort = p.path("hostPort").asLong(0);
      if (hostPort != 0) {
        Names.check(Names.isPortNumber(hostPort), at + ".hostPort", hostPort, errors);
      }
      String protocol = p.path("protocol").asText("TCP");
      if (protocol.isEmpty()) {
        errors.required(at + ".protocol", null);
      } else if (!PROTOCOLS.contains(protocol)) {
        errors.notSupported(at + ".protocol", protocol, PROTOCOLS);
      }
    }
  }

  private static void mounts(JsonNode mounts, Set<String> volumes, String path, FieldErrors errors) {
    Set<String> points = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      JsonNode m = mounts.get(i);
      String at = path + "[" + i + "]";
      String name = m.path("name").asText("");
      if (name.isEmpty()) {
        errors.required(at + ".name", null);
      }
      if (!volumes.contains(name)) {
        errors.notFound(at + ".name", name);
      }
      String mountPath = m.path("mountPath").asText("");
      if (mountPath.isEmpty()) {
        errors.required(at + ".mountPath", null);
      }
      if (!points.add(mountPath)) {
        errors.invalid(at + ".mountPath", mountPath, "must be unique");
      }
    }
  }
}
