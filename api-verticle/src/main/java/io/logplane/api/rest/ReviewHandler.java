package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.auth.Authenticator;
import io.logplane.api.auth.Authorizer;
import io.logplane.api.auth.User;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Bodies;
import io.logplane.projections.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reviews kube-apiserver answers without storing anything, each a create that returns the
 * object with its status: who the caller is ({@code SelfSubjectReview}, {@code kubectl auth
 * whoami}), whom a token names ({@code TokenReview}), whether the caller or another user may do
 * something ({@code SelfSubjectAccessReview} of {@code kubectl auth can-i},
 * {@code SubjectAccessReview}, {@code LocalSubjectAccessReview}) and all the caller may do in a
 * namespace ({@code SelfSubjectRulesReview}, {@code can-i --list}). The access reviews ask the
 * server's own {@link Authorizer}, so they answer what a request would meet. Validated and worded
 * as kube-apiserver's; a read, so nothing enters the log.
 */
final class ReviewHandler {

  static final String AUTHENTICATION = "authentication.k8s.io";
  static final String AUTHORIZATION = "authorization.k8s.io";
  private static final String AUTHENTICATED = "system:authenticated";
  /** The name of a SubjectAccessReview's subject given by groups alone (a User has a name). */
  private static final String UNNAMED = "system:unnamed-subject";

  private final Authenticator authenticator;
  private final Authorizer authorizer;

  ReviewHandler(Authenticator authenticator, Authorizer authorizer) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
  }

  /** Whether the type is one of the reviews this handler answers. */
  static boolean serves(String group, String resource) {
    return (group.equals(AUTHENTICATION) && (resource.equals("selfsubjectreviews") || resource.equals("tokenreviews")))
        || (group.equals(AUTHORIZATION) && resource.endsWith("reviews"));
  }

  void handle(Call call, byte[] body) {
    ObjectNode review = Bodies.object(call.ctx().request().getHeader("Content-Type"), body);
    String kind = call.type().kind();
    String apiVersion = call.type().group() + "/" + call.type().version();
    checkType(review, apiVersion, kind);
    ObjectNode out = Json.MAPPER.createObjectNode().put("kind", kind).put("apiVersion", apiVersion);
    ObjectNode meta = review.path("metadata") instanceof ObjectNode m ? m.deepCopy() : Json.MAPPER.createObjectNode();
    meta.putNull("creationTimestamp");
    out.set("metadata", meta);
    JsonNode spec = review.path("spec");
    switch (kind) {
      case "SelfSubjectReview" -> out.putObject("status").set("userInfo", userInfo(call.user()));
      case "TokenReview" -> tokenReview(out, spec);
      case "SelfSubjectRulesReview" -> rulesReview(out, spec, call.user());
      case "SelfSubjectAccessReview" -> accessReview(out, spec, call.user(), kind, null);
      case "SubjectAccessReview" -> accessReview(out, spec, subject(spec, kind), kind, null);
      case "LocalSubjectAccessReview" -> accessReview(out, spec, subject(spec, kind), kind, call.info().namespace());
      default -> throw ApiException.notFound("the server could not find the requested resource");
    }
    call.send(201, out);
  }

  private static void checkType(ObjectNode review, String apiVersion, String kind) {
    String v = review.path("apiVersion").asText("");
    String k = review.path("kind").asText("");
    if (!v.isEmpty() && !v.equals(apiVersion)) {
      throw ApiException.badRequest("the API version in the data (" + v + ") does not match the expected API version ("
          + apiVersion + ")");
    }
    if (!k.isEmpty() && !k.equals(kind)) {
      throw ApiException.badRequest("the kind in the data (" + k + ") does not match the expected kind (" + kind + ")");
    }
  }

  private void tokenReview(ObjectNode out, JsonNode spec) {
    String token = spec.path("token").asText("");
    if (token.isEmpty()) {
      throw ApiException.badRequest("token is required for TokenReview in authentication");
    }
    out.set("spec", spec.deepCopy());
    ObjectNode status = out.putObject("status");
    Optional<User> user = authenticator.authenticateToken(token);
    if (user.isEmpty()) {
      status.putObject("user");
      status.put("error", "[invalid bearer token, token lookup failed]");
      return;
    }
    status.put("authenticated", true);
    status.set("user", userInfo(user.get()));
    ArrayNode audiences = status.putArray("audiences");
    List<String> api = authenticator.audiences();
    JsonNode asked = spec.path("audiences");
    if (asked.isArray() && !asked.isEmpty()) {
      asked.forEach(a -> {
        if (api.contains(a.asText())) {
          audiences.add(a.asText());
        }
      });
      if (audiences.isEmpty()) {
        status.removeAll();
        status.putObject("user");
        status.put("error", "[invalid bearer token, token audiences " + api + " is invalid for the target audiences "
            + asked + "]");
      }
    } else {
      api.forEach(audiences::add);
    }
  }

  private void rulesReview(ObjectNode out, JsonNode spec, User user) {
    out.putObject("spec").put("namespace", spec.path("namespace").asText(""));
    Authorizer.Rules rules = authorizer.rules(user, spec.path("namespace").asText(""));
    ObjectNode status = out.putObject("status");
    ArrayNode resourceRules = status.putArray("resourceRules");
    for (Authorizer.ResourceRule r : rules.resourceRules()) {
      ObjectNode rule = resourceRules.addObject();
      strings(rule, "verbs", r.verbs());
      strings(rule, "apiGroups", r.apiGroups());
      strings(rule, "resources", r.resources());
      if (!r.resourceNames().isEmpty()) {
        strings(rule, "resourceNames", r.resourceNames());
      }
    }
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    for (Authorizer.NonResourceRule r : rules.nonResourceRules()) {
      ObjectNode rule = nonResourceRules.addObject();
      strings(rule, "verbs", r.verbs());
      strings(rule, "nonResourceURLs", r.nonResourceURLs());
    }
    status.put("incomplete", rules.incomplete());
  }

  /** kube's ValidateSubjectAccessReviewSpec and its variants, then the authorizer's answer. */
  private void accessReview(ObjectNode out, JsonNode spec, User user, String kind, String namespace) {
    JsonNode resource = spec.path("resourceAttributes");
    JsonNode nonResource = spec.path("nonResourceAttributes");
    List<ApiException.Cause> causes = new ArrayList<>();
    if (!resource.isObject() && !nonResource.isObject()) {
      causes.add(new ApiException.Cause("FieldValueRequired",
          "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified",
          "spec.resourceAttributes"));
    } else if (resource.isObject() && nonResource.isObject()) {
      causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + goValue(nonResource)
          + ": cannot be specified in combination with resourceAttributes", "spec.nonResourceAttributes"));
    }
    if (namespace != null) {
      if (nonResource.isObject()) {
        causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + goValue(nonResource)
            + ": disallowed on this kind of request", "spec.nonResourceAttributes"));
      }
      String asked = resource.path("namespace").asText("");
      if (resource.isObject() && !asked.equals(namespace)) {
        causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: \"" + asked
            + "\": must match metadata.namespace", "spec.resourceAttributes.namespace"));
      }
    }
    if (!causes.isEmpty()) {
      throw invalid(kind, causes);
    }
    out.set("spec", spec.deepCopy());
    Authorizer.Attributes attributes = resource.isObject()
        ? new Authorizer.Attributes(resource.path("verb").asText(""), resource.path("group").asText(""),
            resource.path("resource").asText(""), resource.path("subresource").asText(""),
            resource.path("namespace").asText(""), resource.path("name").asText(""), null)
        : new Authorizer.Attributes(nonResource.path("verb").asText(""), null, null, null, null, null,
            nonResource.path("path").asText("/"));
    Authorizer.Decision d = authorizer.authorize(user, attributes);
    ObjectNode status = out.putObject("status").put("allowed", d.allowed());
    if (!d.reason().isEmpty()) {
      status.put("reason", d.reason());
    }
  }

  /** The user a SubjectAccessReview asks about; at least a user or a group, as kube requires. */
  private static User subject(JsonNode spec, String kind) {
    String name = spec.path("user").asText("");
    List<String> groups = new ArrayList<>();
    spec.path("groups").forEach(g -> groups.add(g.asText()));
    if (name.isEmpty() && groups.isEmpty()) {
      throw invalid(kind, List.of(new ApiException.Cause("FieldValueInvalid",
          "Invalid value: \"\": at least one of user or group must be specified", "spec.user")));
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    spec.path("extra").fields().forEachRemaining(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      extra.put(e.getKey(), values);
    });
    // a group-only subject has no name; the authorizer sees it by its groups
    return new User(name.isEmpty() ? UNNAMED : name, groups, spec.path("uid").asText(""), extra);
  }

  private static ObjectNode userInfo(User user) {
    ObjectNode info = Json.MAPPER.createObjectNode().put("username", user.name());
    if (!user.uid().isEmpty()) {
      info.put("uid", user.uid());
    }
    List<String> groups = new ArrayList<>(user.groups());
    if (!groups.contains(AUTHENTICATED) && !user.name().equals("system:anonymous")) {
      groups.add(AUTHENTICATED);
    }
    strings(info, "groups", groups);
    if (!user.extra().isEmpty()) {
      ObjectNode extra = info.putObject("extra");
      user.extra().forEach((k, v) -> strings(extra, k, v));
    }
    return info;
  }

  private static ApiException invalid(String kind, List<ApiException.Cause> causes) {
    StringBuilder m = new StringBuilder();
    for (ApiException.Cause c : causes) {
      m.append(m.length() == 0 ? "" : ", ").append(c.field()).append(": ").append(c.message());
    }
    String message = causes.size() == 1 ? m.toString() : "[" + m + "]";
    return new ApiException(422, "Invalid", kind + "." + AUTHORIZATION + " \"\" is invalid: " + message, "",
        AUTHORIZATION, kind, causes);
  }

  /** A struct as Go's %#v would not be worth mimicking; kube prints the attributes as {path verb}. */
  private static String goValue(JsonNode attributes) {
    return "&NonResourceAttributes{Path:" + attributes.path("path").asText("") + ",Verb:"
        + attributes.path("verb").asText("") + ",}";
  }

  private static void strings(ObjectNode o, String field, List<String> values) {
    ArrayNode a = o.putArray(field);
    values.forEach(a::add);
  }
}
