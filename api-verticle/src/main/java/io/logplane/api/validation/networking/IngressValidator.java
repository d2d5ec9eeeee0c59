package io.logplane.api.validation.networking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.workloads.Fields;

/**
 * An Ingress ({@code ValidateIngressSpec}): rules or a default backend, hosts that are DNS
 * names (a leading {@code *.} allowed), paths with a pathType, backends, TLS hosts and secret
 * names, the class name, and a class annotation that agrees with ingressClassName.
 */
final class IngressValidator implements KindValidator {

  private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    JsonNode rules = spec.path("rules");
    if (rules.isEmpty() && !Fields.has(spec, "defaultBackend")) {
      errors.invalid("spec", new io.logplane.api.validation.workloads.GoStructs.Text("[]networking.IngressRule(nil)"),
          "either `defaultBackend` or `rules` must be specified");
    }
    if (Fields.has(spec, "defaultBackend")) {
      IngressBackends.validate(spec.get("defaultBackend"), "spec.defaultBackend", errors);
    }
    for (int i = 0; i < rules.size(); i++) {
      rule(rules.get(i), "spec.rules[" + i + "]", errors);
    }
    tls(spec.path("tls"), errors);
    if (Fields.has(spec, "ingressClassName")) {
      String name = spec.get("ingressClassName").asText();
      Names.check(Names.isDns1123Subdomain(name), "spec.ingressClassName", name, errors);
    }
    JsonNode annotation = object.path("metadata").path("annotations").get(CLASS_ANNOTATION);
    if (annotation != null && Fields.has(spec, "ingressClassName")
        && !annotation.asText().equals(spec.get("ingressClassName").asText())) {
      errors.invalid("annotations.kubernetes.io/ingress.class", annotation.asText(),
          "must match `ingressClassName` when both are specified");
    }
  }

  private static void rule(JsonNode rule, String path, FieldErrors errors) {
    String host = rule.path("host").asText("");
    if (!host.isEmpty()) {
      if (Formats.isIp(host)) {
        errors.invalid(path + ".host", host, "must be a DNS name, not an IP address");
      }
      Names.check(host.contains("*") ? Formats.isWildcardDns1123Subdomain(host) : Names.isDns1123Subdomain(host),
          path + ".host", host, errors);
    }
    if (!Fields.has(rule, "http")) {
      return;
    }
    JsonNode paths = rule.get("http").path("paths");
    if (paths.isEmpty()) {
      errors.required(path + ".http.paths", null);
    }
    for (int i = 0; i < paths.size(); i++) {
      IngressPaths.validate(paths.get(i), path + ".http.paths[" + i + "]", errors);
    }
  }

  private static void tls(JsonNode tls, FieldErrors errors) {
    for (int t = 0; t < tls.size(); t++) {
      String path = "spec.tls[" + t + "]";
      JsonNode hosts = tls.get(t).path("hosts");
      for (int i = 0; i < hosts.size(); i++) {
        String host = hosts.get(i).asText();
        Names.check(host.contains("*") ? Formats.isWildcardDns1123Subdomain(host) : Names.isDns1123Subdomain(host),
            path + ".hosts[" + i + "]", host, errors);
      }
      String secret = tls.get(t).path("secretName").asText("");
      if (!secret.isEmpty()) {
        Names.check(Names.isDns1123Subdomain(secret), path + ".secretName", secret, errors);
      }
    }
  }
}
