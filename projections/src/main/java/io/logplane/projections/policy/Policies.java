package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.policy.PolicyDecision.Deny;
import io.logplane.selectors.GoStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube's ValidatingAdmissionPolicy admission (the cel admission controller's {@code Validate}):
 * every policy whose matchConstraints match the request is evaluated through each of its
 * bindings (those whose {@code policyName} names it) whose matchResources match, against each of
 * the binding's params. A failed validation is, per the binding's validationActions: Deny, a
 * refusal with kube's message and the validation's reason; Warn, a warning
 * {@code Validation failed for ValidatingAdmissionPolicy '<p>' with binding '<b>': <message>};
 * Audit, the audit annotation {@code validation.policy.admission.k8s.io/validation_failure} (a
 * JSON list as kube writes it). Audit annotations of a policy are published as
 * {@code <policy>/<key>}, distinct values of several bindings joined by ", ". A policy or binding
 * that cannot be applied (a bad selector, params not found under Deny, an unknown paramKind) is
 * refused under failurePolicy Fail and skipped under Ignore. The first refusal answers the request;
 * as with kube's annotations, the first value of a key stands. Policies and bindings are taken in
 * the order given (kube's is its cache's). The policy kinds themselves are never evaluated.
 * matchPolicy Equivalent is treated as Exact: a request is matched on its own group, version and
 * resource only, and {@code request.kind}/{@code request.resource} are the request's.
 */
public final class Policies {

  private static final String VALIDATION_FAILURE = "validation.policy.admission.k8s.io/validation_failure";
  private static final int MAX_ANNOTATION_BYTES = 10 * 1024;

  /** A refusal found: of which policy, through which binding (null: the policy's own), why, the reason. */
  private record Denial(String policy, String binding, String message, String reason) {}

  private Policies() {}

  /**
   * Evaluates the request {@code a} under {@code policies} and {@code bindings}, with params read
   * from {@code params} and {@code namespace} the Namespace object of the request's namespace
   * (for a request on a Namespace, that namespace as stored; null when there is none).
   */
  public static PolicyDecision evaluate(Attributes a, List<CompiledPolicy> policies, List<JsonNode> bindings,
      ParamLookup params, JsonNode namespace) {
    if (a.resource().group().equals("admissionregistration.k8s.io")
        && (a.resource().resource().equals("validatingadmissionpolicies")
            || a.resource().resource().equals("validatingadmissionpolicybindings"))) {
      return PolicyDecision.ALLOWED;
    }
    Inputs in = new Inputs(a, namespace);
    List<Denial> denied = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    for (CompiledPolicy p : policies) {
      JsonNode constraints = p.matchConstraints();
      if (constraints == null || !constraints.isObject()) {
        continue;
      }
      Matching.Result matched = Matching.matches(constraints, a, namespace);
      if (matched.error() != null) {
        refuse(denied, p, null, matched.error());
        continue;
      }
      if (!matched.matches()) {
        continue;
      }
      String misconfigured = p.configurationError();
      if (misconfigured == null && p.paramKind() != null
          && params.namespaced(p.paramKind().apiVersion(), p.paramKind().kind()).isEmpty()) {
        misconfigured = Params.unknownKind(p.paramKind());
      }
      if (misconfigured != null) {
        refuse(denied, p, null, misconfigured);
        continue;
      }
      Map<String, List<String>> collected = new LinkedHashMap<>();
      for (JsonNode b : bindings) {
        if (b.path("spec").path("policyName").asText("").equals(p.name())) {
          bind(p, b, a, in, params, namespace, denied, warnings, annotations, collected);
        }
      }
      collected.forEach((key, values) -> annotations.putIfAbsent(p.name() + "/" + key, String.join(", ", values)));
    }
    return new PolicyDecision(denied.isEmpty() ? null : deny(a, denied.get(0)), new ArrayList<>(warnings),
        annotations);
  }

  /** One binding of a policy that matches the request: its params, its validations, its actions. */
  private static void bind(CompiledPolicy p, JsonNode b, Attributes a, Inputs in, ParamLookup lookup,
      JsonNode namespace, List<Denial> denied, Set<String> warnings, Map<String, String> annotations,
      Map<String, List<String>> collected) {
    String binding = b.path("metadata").path("name").asText("");
    JsonNode resources = b.path("spec").get("matchResources");
    if (resources != null && resources.isObject()) {
      Matching.Result matched = Matching.matches(resources, a, namespace);
      if (matched.error() != null) {
        refuse(denied, p, binding, matched.error());
        return;
      }
      if (!matched.matches()) {
        return;
      }
    }
    Params.Result params = Params.collect(p.paramKind(), b, lookup, a.namespace());
    if (params.error() != null) {
      refuse(denied, p, binding, params.error());
      return;
    }
    List<String> actions = new ArrayList<>();
    b.path("spec").path("validationActions").forEach(x -> actions.add(x.asText()));
    for (JsonNode param : params.params()) {
      Validator.Result result = Validator.validate(p, in, param);
      for (int i = 0; i < result.decisions().size(); i++) {
        Validator.Decision d = result.decisions().get(i);
        if (!d.deny()) {
          continue;
        }
        for (String action : actions) {
          switch (action) {
            case "Deny" -> denied.add(new Denial(p.name(), binding, d.message(), d.reason()));
            case "Warn" -> warnings.add("Validation failed for ValidatingAdmissionPolicy '" + p.name()
                + "' with binding '" + binding + "': " + d.message());
            case "Audit" -> annotations.putIfAbsent(VALIDATION_FAILURE, failure(b, binding, i, d.message(), actions));
            default -> { }
          }
        }
      }
      for (Validator.Annotation annotation : result.annotations()) {
        if (annotation.error() != null) {
          denied.add(new Denial(p.name(), binding, annotation.error(), ""));
        } else {
          List<String> values = collected.computeIfAbsent(annotation.key(), k -> new ArrayList<>());
          String value = truncate(annotation.value());
          if (!values.contains(value)) {
            values.add(value);
          }
        }
      }
    }
  }

  /** A policy or binding that cannot be applied: refused under Fail, nothing under Ignore. */
  private static void refuse(List<Denial> denied, CompiledPolicy p, String binding, String error) {
    if (!p.ignoreFailures()) {
      String what = binding == null ? "failed to configure policy: " : "failed to configure binding: ";
      denied.add(new Denial(p.name(), binding, what + error, ""));
    }
  }

  /** kube's refusal: admission.NewForbidden's message, then the reason and code of the validation. */
  private static Deny deny(Attributes a, Denial d) {
    String cause = d.binding() == null
        ? "ValidatingAdmissionPolicy '" + d.policy() + "' denied request: " + d.message()
        : "ValidatingAdmissionPolicy '" + d.policy() + "' with binding '" + d.binding() + "' denied request: "
            + d.message();
    String group = a.resource().group();
    String resource = a.resource().resource();
    String name = a.name();
    if (name.isEmpty()) {
      JsonNode meta = a.object() == null ? null : a.object().path("metadata");
      name = meta == null ? "" : meta.path("name").asText("");
      name = name.isEmpty() && meta != null ? meta.path("generateName").asText("") : name;
      name = name.isEmpty() ? "Unknown" : name;
    }
    String message;
    if (group.isEmpty() && resource.isEmpty()) {
      message = "forbidden: " + cause;
    } else {
      message = (group.isEmpty() ? resource : resource + "." + group) + " " + GoStrings.quote(name)
          + " is forbidden: " + cause;
    }
    String reason = d.reason().isEmpty() ? "Invalid" : d.reason();
    return new Deny(Deny.code(reason), reason, message, cause, group, resource, name);
  }

  /** The validation_failure annotation's value, as kube's json.Marshal writes it. */
  private static String failure(JsonNode binding, String name, int index, String message, List<String> actions) {
    StringBuilder b = new StringBuilder("[{\"message\":").append(goJson(message))
        .append(",\"policy\":").append(goJson(binding.path("spec").path("policyName").asText("")))
        .append(",\"binding\":").append(goJson(name))
        .append(",\"expressionIndex\":").append(index)
        .append(",\"validationActions\":[");
    for (int i = 0; i < actions.size(); i++) {
      b.append(i > 0 ? "," : "").append(goJson(actions.get(i)));
    }
    return b.append("]}]").toString();
  }

  /** A JSON string as Go's encoding/json writes it: HTML characters and line separators escaped. */
  private static String goJson(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** At most 10 KiB of UTF-8, as kube cuts an audit annotation's value (here never inside a character). */
  private static String truncate(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_ANNOTATION_BYTES) {
      return value;
    }
    int end = MAX_ANNOTATION_BYTES;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
