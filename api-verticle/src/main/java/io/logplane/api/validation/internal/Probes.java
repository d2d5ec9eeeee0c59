package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A container's probes and lifecycle hooks as validateProbe and validateHandler check them:
 * exactly one handler, ports that are numbers or port names, counts that are not negative. A
 * count the API defaults (periodSeconds, successThreshold...) counts as its default when absent
 * or 0, as the defaulting makes it before validation there.
 */
public final class Probes {

  private static final List<String> PROBE_HANDLERS = List.of("exec", "httpGet", "tcpSocket", "grpc");
  private static final List<String> HOOK_HANDLERS = List.of("exec", "httpGet", "tcpSocket");
  private static final List<String> COUNTS = List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds",
      "successThreshold", "failureThreshold");
  private static final List<String> SCHEMES = List.of("HTTP", "HTTPS");
  private static final String HEADER_FMT = "[-A-Za-z0-9]+";
  private static final Pattern HEADER = Pattern.compile(HEADER_FMT);

  private Probes() {}

  /** The lifecycle hooks and the three probes of an app container at {@code path}. */
  public static void validate(JsonNode c, String path, FieldErrors errors) {
    JsonNode lifecycle = c.path("lifecycle");
    for (String hook : new String[] {"postStart", "preStop"}) {
      if (lifecycle.hasNonNull(hook)) {
        handler(lifecycle.get(hook), HOOK_HANDLERS, path + ".lifecycle." + hook, errors);
      }
    }
    probe(c.get("livenessProbe"), path + ".livenessProbe", true, errors);
    JsonNode readiness = c.get("readinessProbe");
    probe(readiness, path + ".readinessProbe", false, errors);
    if (present(readiness) && present(readiness.get("terminationGracePeriodSeconds"))) {
      errors.invalid(path + ".readinessProbe.terminationGracePeriodSeconds",
          readiness.get("terminationGracePeriodSeconds").asLong(), "must not be set for readinessProbes");
    }
    probe(c.get("startupProbe"), path + ".startupProbe", true, errors);
  }

  private static void probe(JsonNode p, String path, boolean successIsOne, FieldErrors errors) {
    if (!present(p)) {
      return;
    }
    handler(p, PROBE_HANDLERS, path, errors);
    for (String count : COUNTS) {
      long v = p.path(count).asLong(0);
      if (v < 0) {
        errors.invalid(path + "." + count, v, "must be greater than or equal to 0");
      }
    }
    JsonNode grace = p.get("terminationGracePeriodSeconds");
    if (present(grace) && grace.asLong() <= 0) {
      errors.invalid(path + ".terminationGracePeriodSeconds", grace.asLong(), "must be greater than 0");
    }
    long success = p.path("successThreshold").asLong(0);
    if (successIsOne && success != 0 && success != 1) {
      errors.invalid(path + ".successThreshold", success, "must be 1");
    }
  }

  private static void handler(JsonNode h, List<String> types, String path, FieldErrors errors) {
    int count = 0;
    for (String type : types) {
      JsonNode action = h.get(type);
      if (!present(action)) {
        continue;
      }
      if (count++ > 0) {
        errors.forbidden(path + "." + type, "may not specify more than 1 handler type");
      } else {
        action(type, action, path + "." + type, errors);
      }
    }
    if (count == 0) {
      errors.required(path, "must specify a handler type");
    }
  }

  private static void action(String type, JsonNode action, String path, FieldErrors errors) {
    switch (type) {
      case "exec" -> {
        if (action.path("command").isEmpty()) {
          errors.required(path + ".command", null);
        }
      }
      case "httpGet" -> {
        port(action.get("port"), path + ".port", errors);
        String scheme = action.path("scheme").asText("");
        if (!scheme.isEmpty() && !SCHEMES.contains(scheme)) {
          errors.notSupported(path + ".scheme", scheme, SCHEMES);
        }
        for (JsonNode header : action.path("httpHeaders")) {
          String name = header.path("name").asText("");
          if (!HEADER.matcher(name).matches()) {
            errors.invalid(path + ".httpHeaders", name, Names.regexError(
                "a valid HTTP header must consist of alphanumeric characters or '-'", HEADER_FMT, "X-Header-Name"));
          }
        }
      }
      case "grpc" -> {
        long port = action.path("port").asLong(0);
        Names.check(Names.isPortNumber(port), path + ".port", port, errors);
      }
      default -> port(action.get("port"), path + ".port", errors);
    }
  }

  /** An IntOrString port: a number in 1-65535, or a port name. */
  public static void port(JsonNode port, String path, FieldErrors errors) {
    if (port != null && port.isTextual()) {
      Names.check(Names.isPortName(port.textValue()), path, port.textValue(), errors);
    } else {
      long p = port == null ? 0 : port.asLong(0);
      Names.check(Names.isPortNumber(p), path, p, errors);
    }
  }

  private static boolean present(JsonNode n) {
    return n != null && !n.isNull();
  }
}
