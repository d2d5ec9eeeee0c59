package io.logplane.projections.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ValidatingAdmissionPolicies say of a request ({@link Policies#evaluate}): the denial
 * that refuses it (null: admitted), the warnings for the response's {@code Warning} headers in
 * order, and the audit annotations to record with the request's audit event, in order.
 */
public record PolicyDecision(Deny deny, List<String> warnings, Map<String, String> auditAnnotations) {

  /** Nothing to say: admitted, no warning, no annotation. */
  public static final PolicyDecision ALLOWED = new PolicyDecision(null, List.of(), Map.of());

  public PolicyDecision {
    warnings = List.copyOf(warnings);
    auditAnnotations = Collections.unmodifiableMap(new LinkedHashMap<>(auditAnnotations));
  }

  /** True when no policy refuses the request. */
  public boolean allowed() {
    return deny == null;
  }

  /**
   * A refusal, as kube's admission returns it: the Status {@code code} and {@code reason} of the
   * validation's reason (Invalid 422, Forbidden 403, Unauthorized 401, RequestEntityTooLarge 413;
   * Invalid when the refusal comes from an error), the whole {@code message} kube writes
   * ({@code deployments.apps "web" is forbidden: ValidatingAdmissionPolicy 'p' with binding 'b'
   * denied request: <why>}), the {@code cause} after "is forbidden: " (the Status's one cause),
   * and the group, resource and name of the Status's details.
   */
  public record Deny(int code, String reason, String message, String cause, String group, String resource,
      String name) {

    /** kube's reasonToCode: Forbidden 403, Unauthorized 401, RequestEntityTooLarge 413, else 422. */
    static int code(String reason) {
      return switch (reason) {
        case "Forbidden" -> 403;
        case "Unauthorized" -> 401;
        case "RequestEntityTooLarge" -> 413;
        default -> 422;
      };
    }

    /** The Kubernetes Status object of this refusal. */
    public ObjectNode status() {
      ObjectNode s = Json.MAPPER.createObjectNode();
      s.put("kind", "Status");
      s.put("apiVersion", "v1");
      s.putObject("metadata");
      s.put("status", "Failure");
      s.put("message", message);
      s.put("reason", reason);
      ObjectNode details = s.putObject("details");
      if (!name.isEmpty()) {
        details.put("name", name);
      }
      if (!group.isEmpty()) {
        details.put("group", group);
      }
      if (!resource.isEmpty()) {
        details.put("kind", resource);
      }
      details.putArray("causes").addObject().put("message", cause);
      s.put("code", code);
      return s;
    }
  }
}
