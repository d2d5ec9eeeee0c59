package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Bodies;
import io.logplane.events.Command;
import io.logplane.projections.Json;

/**
 * POST of a policy/v1 (or v1beta1) Eviction to a pod's {@code eviction} subresource, as
 * kube-apiserver's EvictionREST: appended as an Update of the pod with subresource
 * {@code eviction}; apply() checks the PodDisruptionBudget covering the pod and deletes it with
 * the Eviction's DeleteOptions in one record (429 when the budget allows no disruption).
 * Answered 201 with a Success Status.
 */
final class EvictionHandler {

  private final Writer writer;

  EvictionHandler(Writer writer) {
    this.writer = writer;
  }

  void handle(Call call, byte[] body) {
    ObjectNode eviction = Bodies.object(call.ctx().request().getHeader("Content-Type"), body);
    String apiVersion = eviction.path("apiVersion").asText("");
    String kind = eviction.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals("policy/v1") && !apiVersion.equals("policy/v1beta1")) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (policy/v1)");
    }
    if (!kind.isEmpty() && !kind.equals("Eviction")) {
      throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (Eviction)");
    }
    String name = eviction.path("metadata").path("name").asText("");
    if (!name.equals(call.info().name())) {
      throw ApiException.badRequest("name in URL does not match name in Eviction object");
    }
    String rv = eviction.path("deleteOptions").path("preconditions").path("resourceVersion").asText("");
    if (!rv.isEmpty()) {
      Reads.parseVersion(rv);
    }
    Command.Meta meta = Admission.meta(call);
    meta = new Command.Meta(meta.actor(), meta.requestId(), meta.timeMillis(), "create", "eviction");
    String key = "core/pods/" + call.info().namespace() + "/" + name;
    writer.write(call, new Command.Update(meta, key, 0, "eviction", eviction))
        .onSuccess(pod -> call.send(201, success()))
        .onFailure(call::fail);
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
