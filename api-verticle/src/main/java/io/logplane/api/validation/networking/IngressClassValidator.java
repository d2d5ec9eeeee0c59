package io.logplane.api.validation.networking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.workloads.Fields;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An IngressClass ({@code validateIngressClassSpec}): a domain-prefixed controller name that
 * never changes, and parameters that name a kind and an object in a scope.
 */
final class IngressClassValidator implements KindValidator {

  private static final int MAX_CONTROLLER = 250;
  private static final String HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
  private static final Pattern HTTP_PATH = Pattern.compile(HTTP_PATH_FMT);
  private static final List<String> SCOPES = List.of("Cluster", "Namespace");

  @Override
  public void validate(ObjectNode object, FieldErrors errors) {
    JsonNode spec = object.path("spec");
    String controller = spec.path("controller").asText("");
    if (controller.length() > MAX_CONTROLLER) {
      errors.tooLong("spec.controller", controller, MAX_CONTROLLER);
    }
    domainPrefixedPath(controller, errors);
    if (Fields.has(spec, "parameters")) {
      parameters(spec.get("parameters"), errors);
    }
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode object, FieldErrors errors) {
    JsonNode now = object.path("spec").get("controller");
    Fields.immutable(old.path("spec").get("controller"), now, "spec.controller", now == null ? "" : now.asText(), errors);
  }

  /** {@code IsDomainPrefixedPath}: a DNS subdomain, then a path of URL characters. */
  private static void domainPrefixedPath(String value, FieldErrors errors) {
    String path = "spec.controller";
    if (value.isEmpty()) {
      errors.required(path, null);
      return;
    }
    String[] parts = value.split("/", 2);
    if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      errors.invalid(path, value, "must be a domain-prefixed path (such as \"acme.io/foo\")");
      return;
    }
    Names.check(Names.isDns1123Subdomain(parts[0]), path, parts[0], errors);
    if (!HTTP_PATH.matcher(parts[1]).matches()) {
      errors.invalid(path, parts[1], Names.regexError("Invalid path", HTTP_PATH_FMT));
    }
  }

  private static void parameters(JsonNode p, FieldErrors errors) {
    String path = "spec.parameters";
    References.typedLocal(p, path, errors);
    if (!Fields.has(p, "scope")) {
      errors.required(path + ".scope", null);
      return;
    }
    String scope = p.get("scope").asText();
    if (!SCOPES.contains(scope)) {
      errors.notSupported(path + ".scope", scope, SCOPES);
    } else if (scope.equals("Namespace")) {
      if (!Fields.has(p, "namespace")) {
        errors.required(path + ".namespace", "`parameters.scope` is set to 'Namespace'");
      } else {
        String ns = p.get("namespace").asText();
        Names.check(Names.isDns1123Label(ns), path + ".namespace", ns, errors);
      }
    } else if (Fields.has(p, "namespace")) {
      errors.forbidden(path + ".namespace", "`parameters.scope` is set to 'Cluster'");
    }
  }
}
