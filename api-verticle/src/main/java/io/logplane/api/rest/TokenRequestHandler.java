package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.auth.ServiceAccountClaims;
import io.logplane.api.auth.ServiceAccountTokens;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Bodies;
import io.logplane.events.Command;
import io.logplane.projections.Json;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * POST of an authentication.k8s.io/v1 TokenRequest to a ServiceAccount's {@code token}
 * subresource, as kube-apiserver's TokenREST ({@code kubectl create token}): defaulted
 * ({@code expirationSeconds} 3600, the API server's audiences) and validated, then appended as an
 * Update of the account with subresource {@code token}, whose object is the TokenRequest without
 * a token. apply() decides, in the log's order, whether the account and the bound object exist
 * (404), whether a bound pod runs as the account (400) and whether the uid named is the object's
 * (409); it changes nothing. Only once the record is accepted is the token signed and answered
 * (201): every token issued has its record in the audit trail, and the token itself never enters
 * the log. A dry run is decided the same way and answered without a token, as it leaves no record.
 */
final class TokenRequestHandler {

  static final String GROUP = "authentication.k8s.io";
  private static final String API_VERSION = GROUP + "/v1";
  private static final long DEFAULT_SECONDS = 3600;
  private static final long MIN_SECONDS = 600;
  private static final long MAX_SECONDS = 1L << 32;

  private final ApiContext api;
  private final Writer writer;
  private final ServiceAccountTokens tokens;

  TokenRequestHandler(ApiContext api, Writer writer, ServiceAccountTokens tokens) {
    this.api = api;
    this.writer = writer;
    this.tokens = tokens;
  }

  void handle(Call call, byte[] body) {
    ObjectNode request = Bodies.object(call.ctx().request().getHeader("Content-Type"), body);
    String name = call.info().name();
    String ns = call.info().namespace();
    checkTypeAndNames(request, name, ns);
    ObjectNode record = normalized(request, name, ns);
    String account = "core/serviceaccounts/" + ns + "/" + name;
    Command.Meta meta = Admission.meta(call);
    writer.write(call, new Command.Update(meta, account, 0, "token", record))
        .compose(sa -> "All".equals(call.param("dryRun")) ? Future.succeededFuture(answer(record, null, null))
            : issue(call, sa, record))
        .onSuccess(answer -> call.send(201, answer))
        .onFailure(call::fail);
  }

  private static void checkTypeAndNames(ObjectNode request, String name, String ns) {
    String apiVersion = request.path("apiVersion").asText("");
    String kind = request.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(API_VERSION)) {
      throw ApiException.badRequest("the API version in the data (" + apiVersion
          + ") does not match the expected API version (" + API_VERSION + ")");
    }
    if (!kind.isEmpty() && !kind.equals("TokenRequest")) {
      throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind"
          + " (TokenRequest)");
    }
    String given = request.path("metadata").path("name").asText("");
    if (!given.isEmpty() && !given.equals(name)) {
      throw ApiException.badRequest("the name of the object (" + given + ") does not match the name on the URL ("
          + name + ")");
    }
    String givenNs = request.path("metadata").path("namespace").asText("");
    if (!givenNs.isEmpty() && !givenNs.equals(ns)) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on"
          + " the request");
    }
  }

  /** The TokenRequest as the log records it: defaulted, validated, nothing but its type, names and spec. */
  private ObjectNode normalized(ObjectNode request, String name, String ns) {
    JsonNode spec = request.path("spec");
    JsonNode seconds = spec.get("expirationSeconds");
    long expiration = seconds == null || seconds.isNull() ? DEFAULT_SECONDS : seconds.asLong();
    if (seconds != null && !seconds.isNull() && !seconds.canConvertToLong()) {
      throw ApiException.badRequest("spec.expirationSeconds: expected an integer, got " + seconds);
    }
    validate(expiration);
    ObjectNode record = Json.MAPPER.createObjectNode();
    record.put("apiVersion", API_VERSION).put("kind", "TokenRequest");
    record.putObject("metadata").put("name", name).put("namespace", ns);
    ObjectNode out = record.putObject("spec");
    ArrayNode audiences = out.putArray("audiences");
    spec.path("audiences").forEach(a -> audiences.add(a.asText()));
    if (audiences.isEmpty()) {
      tokens.apiAudiences().forEach(audiences::add);
    }
    out.put("expirationSeconds", expiration);
    JsonNode ref = spec.get("boundObjectRef");
    if (ref != null && ref.isObject()) {
      ObjectNode r = out.putObject("boundObjectRef");
      for (String f : new String[] {"kind", "apiVersion", "name", "uid"}) {
        if (!ref.path(f).asText("").isEmpty()) {
          r.put(f, ref.path(f).asText());
        }
      }
    }
    return record;
  }

  /** kube's ValidateTokenRequest, answered as its TokenREST does (a 422 naming no object). */
  private static void validate(long seconds) {
    List<ApiException.Cause> causes = new ArrayList<>();
    if (seconds < MIN_SECONDS) {
      causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + seconds
          + ": may not specify a duration less than 10 minutes", "spec.expirationSeconds"));
    }
    if (seconds > MAX_SECONDS) {
      causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + seconds
          + ": may not specify a duration larger than 2^32 seconds", "spec.expirationSeconds"));
    }
    if (causes.isEmpty()) {
      return;
    }
    StringBuilder m = new StringBuilder();
    for (ApiException.Cause c : causes) {
      m.append(m.length() == 0 ? "" : ", ").append(c.field()).append(": ").append(c.message());
    }
    String message = causes.size() == 1 ? m.toString() : "[" + m + "]";
    throw new ApiException(422, "Invalid", "TokenRequest." + GROUP + " \"\" is invalid: " + message, "", GROUP,
        "TokenRequest", causes);
  }

  /** Signs the token of an accepted request, with the uid of the bound object as it is now. */
  private Future<ObjectNode> issue(Call call, ObjectNode account, ObjectNode record) {
    JsonNode spec = record.path("spec");
    JsonNode ref = spec.get("boundObjectRef");
    Future<ServiceAccountClaims.Ref> bound = ref == null ? Future.succeededFuture(null) : bound(call, ref);
    // signing is an RSA private-key operation: milliseconds of CPU (tens in a fresh JVM, before
    // its big-number code is compiled), kept off the event loop, as a pod's start asks for one
    return bound.compose(object -> api.vertx().executeBlocking(() -> {
      Instant now = tokens.now();
      Instant expiry = now.plusSeconds(spec.path("expirationSeconds").asLong());
      List<String> audiences = new ArrayList<>();
      spec.path("audiences").forEach(a -> audiences.add(a.asText()));
      boolean pod = object != null && ref.path("kind").asText().equals("Pod");
      ServiceAccountClaims claims = new ServiceAccountClaims(call.info().namespace(), call.info().name(),
          account.path("metadata").path("uid").asText(""), audiences, now, expiry, pod ? object : null,
          pod ? null : object);
      return answer(record, tokens.sign(claims), expiry);
    }, false));
  }

  /** The bound object's name and uid; a 404 when it went away since apply() saw it. */
  private Future<ServiceAccountClaims.Ref> bound(Call call, JsonNode ref) {
    String kind = ref.path("kind").asText();
    String resource = kind.equals("Pod") ? "pods" : "secrets";
    String name = ref.path("name").asText();
    String key = "core/" + resource + "/" + call.info().namespace() + "/" + name;
    return api.vertx().executeBlocking(() -> api.projection().store().get(key), false).compose(bytes -> {
      if (bytes == null) {
        return Future.failedFuture(new ApiException(404, "NotFound", resource + " \"" + name + "\" not found", name,
            "", resource, null));
      }
      return Future.succeededFuture(new ServiceAccountClaims.Ref(name,
          Json.object(bytes).path("metadata").path("uid").asText("")));
    });
  }

  /** The TokenRequest answered, as kube's: the request's spec and a status with the token. */
  private static ObjectNode answer(ObjectNode record, String token, Instant expiry) {
    ObjectNode out = record.deepCopy();
    ((ObjectNode) out.get("metadata")).putNull("creationTimestamp");
    ObjectNode status = out.putObject("status");
    status.put("token", token == null ? "" : token);
    if (expiry == null) {
      status.putNull("expirationTimestamp");
    } else {
      status.put("expirationTimestamp", expiry.toString());
    }
    return out;
  }
}
