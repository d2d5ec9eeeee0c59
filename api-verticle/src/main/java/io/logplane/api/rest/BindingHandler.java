package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Bodies;
import io.logplane.events.Command;
import io.logplane.projections.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * POST of a v1 Binding, to a pod's {@code binding} subresource or to the legacy
 * {@code bindings} of a namespace (the Binding names the pod there), as kube-apiserver's
 * BindingREST: appended as an Update of the pod with subresource {@code binding}; apply()
 * decides whether the pod can be bound (its uid and resourceVersion preconditions, bound once,
 * not while it is deleted). Answered 201 with a Success Status.
 */
public final class BindingHandler {

  private final Writer writer;

  public BindingHandler(Writer writer) {
    this.writer = writer;
  }

  public void handle(Call call, byte[] body) {
    ObjectNode binding = Bodies.object(call.ctx().request().getHeader("Content-Type"), body);
    checkType(binding);
    String name = binding.path("metadata").path("name").asText("");
    boolean legacy = call.info().name() == null;
    if (!legacy && !name.equals(call.info().name())) {
      throw ApiException.badRequest("name in URL does not match name in Binding object");
    }
    if (name.isEmpty()) {
      throw ApiException.badRequest("Name parameter required.");
    }
    String ns = binding.path("metadata").path("namespace").asText("");
    if (!ns.isEmpty() && !ns.equals(call.info().namespace())) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on"
          + " the request");
    }
    validate(binding);
    String rv = binding.path("metadata").path("resourceVersion").asText("");
    long expected = rv.isEmpty() ? 0 : Reads.parseVersion(rv);
    Command.Meta meta = Admission.meta(call);
    meta = new Command.Meta(meta.actor(), meta.requestId(), meta.timeMillis(), "create", "binding");
    String key = "core/pods/" + call.info().namespace() + "/" + name;
    writer.write(call, new Command.Update(meta, key, expected, "binding", binding))
        .onSuccess(pod -> call.send(201, success()))
        .onFailure(call::fail);
  }

  private static void checkType(ObjectNode binding) {
    String apiVersion = binding.path("apiVersion").asText("");
    String kind = binding.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals("v1")) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (v1)");
    }
    if (!kind.isEmpty() && !kind.equals("Binding")) {
      throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (Binding)");
    }
  }

  /** kube's ValidatePodBinding (whose errors kube answers as a 500; a 422 says what they are). */
  private static void validate(ObjectNode binding) {
    List<ApiException.Cause> causes = new ArrayList<>();
    String kind = binding.path("target").path("kind").asText("");
    if (!kind.isEmpty() && !kind.equals("Node")) {
      causes.add(new ApiException.Cause("FieldValueNotSupported", "Unsupported value: \"" + kind
          + "\": supported values: \"Node\", \"<empty>\"", "target.kind"));
    }
    if (binding.path("target").path("name").asText("").isEmpty()) {
      causes.add(new ApiException.Cause("FieldValueRequired", "Required value", "target.name"));
    }
    if (!causes.isEmpty()) {
      StringBuilder m = new StringBuilder();
      for (ApiException.Cause c : causes) {
        m.append(m.length() == 0 ? "" : ", ").append(c.field()).append(": ").append(c.message());
      }
      String name = binding.path("metadata").path("name").asText("");
      throw new ApiException(422, "Invalid", "Binding \"" + name + "\" is invalid: " + m, name, "", "Binding",
          causes);
    }
  }

  private static ObjectNode success() {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Success");
    s.put("code", 201);
    return s;
  }
}
