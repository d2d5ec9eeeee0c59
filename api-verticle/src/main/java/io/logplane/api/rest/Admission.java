package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.admission.Defaults;
import io.logplane.api.admission.Validation;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.ResourceType;
import io.logplane.events.Record;
import io.logplane.projections.internal.Meta;

/**
 * The stateless steps between a decoded body and a command: type and namespace checks,
 * defaults, validation, and sealing secrets. Nothing here reads the state.
 */
public final class Admission {

  private final ApiContext api;

  public Admission(ApiContext api) {
    this.api = api;
  }

  public static Record.Meta meta(Call call) {
    return new Record.Meta(call.user() == null ? "system:anonymous" : call.user().name(), call.requestId(),
        System.currentTimeMillis());
  }

  /** Checks apiVersion/kind and the namespace against the URL, filling them when absent. */
  public static void typeAndNamespace(Call call, ObjectNode o) {
    ResourceType t = call.type();
    String apiVersion = o.path("apiVersion").asText("");
    String kind = o.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(t.apiVersion()) && !sameGroup(apiVersion, t)) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + t.apiVersion() + ")");
    }
    if (!kind.isEmpty() && !kind.equals(t.kind())) {
      throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
          + t.kind() + ")");
    }
    o.put("apiVersion", t.apiVersion());
    o.put("kind", t.kind());
    ObjectNode meta = Meta.of(o);
    if (t.namespaced()) {
      String ns = meta.path("namespace").asText("");
      if (call.info().namespace() == null) {
        throw ApiException.badRequest("the namespace of the object must be given in the URL for " + t.resource());
      }
      if (!ns.isEmpty() && !ns.equals(call.info().namespace())) {
        throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on"
            + " the request");
      }
      meta.put("namespace", call.info().namespace());
    } else {
      meta.remove("namespace");
    }
    for (String f : new String[] {"selfLink"}) {
      meta.remove(f);
    }
  }

  private static boolean sameGroup(String apiVersion, ResourceType t) {
    // custom resources may be written in any served version of their group
    return t.modelClass() == null && apiVersion.startsWith(t.group() + "/");
  }

  /** Defaults, validates and seals an object of a create or full update. */
  public void prepare(Call call, ObjectNode o) {
    prepare(call, o, null);
  }

  /** As {@link #prepare(Call, ObjectNode)}, keeping the stored sealed data when it is unchanged. */
  public void prepare(Call call, ObjectNode o, ObjectNode stored) {
    Defaults.apply(call.type(), o);
    Validation.check(call.type(), o);
    seal(call.type(), o, stored);
  }

  public void seal(ResourceType t, ObjectNode o) {
    seal(t, o, null);
  }

  private void seal(ResourceType t, ObjectNode o, ObjectNode stored) {
    if (t.group().isEmpty() && t.resource().equals("secrets")) {
      api.cipher().seal(o, stored);
    }
  }

  /** The name in a body must match the URL's. */
  public static void sameName(Call call, JsonNode o) {
    String name = o.path("metadata").path("name").asText("");
    if (!name.isEmpty() && !name.equals(call.info().name())) {
      throw ApiException.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
          + call.info().name() + ")");
    }
  }
}
