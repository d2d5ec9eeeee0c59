package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.admission.Defaults;
import io.logplane.api.admission.UpdateStrategies;
import io.logplane.api.admission.Validation;
import io.logplane.api.conversion.Conversions;
import io.logplane.api.rbac.Escalation;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.validation.Decoding;
import io.logplane.api.validation.FieldErrors;
import io.logplane.events.Command;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import io.logplane.projections.ServiceAccountAdmission;
import io.logplane.projections.Store;
import io.logplane.projections.podsecurity.PodSecurityAdmission;
import io.logplane.projections.podsecurity.PodSecurityStandards;
import io.logplane.projections.policy.AdmissionPolicies;
import io.logplane.projections.policy.Attributes;
import io.logplane.projections.policy.PolicyDecision;
import io.logplane.api.auth.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The steps between a decoded body and a command: type and namespace checks, defaults,
 * validation, RBAC's escalation check, and sealing secrets. Nothing here reads the state but a
 * created pod's ServiceAccount (whether it turns the token's automount off) and the role a
 * binding names, read from this replica's projection as kube's admission reads its informers'
 * caches.
 */
public final class Admission {

  private final ApiContext api;
  private final Schemas schemas;
  private final Escalation escalation;
  private final AdmissionPolicies policies;

  /**
   * @param escalation the RBAC escalation check of roles and bindings written
   * @param policies   the ValidatingAdmissionPolicies in force
   */
  public Admission(ApiContext api, Schemas schemas, Escalation escalation, AdmissionPolicies policies) {
    this.api = api;
    this.schemas = schemas;
    this.escalation = escalation;
    this.policies = policies;
  }

  /**
   * fieldValidation: Strict rejects unknown fields (400), Warn (the default) answers with a
   * Warning header per field, Ignore does neither.
   */
  public void checkFields(Call call, ObjectNode o) {
    String mode = call.query().oneOf("fieldValidation", java.util.List.of("Ignore", "Warn", "Strict"));
    if (mode == null) {
      mode = "Warn";
    }
    if (mode.equals("Ignore")) {
      return;
    }
    var schema = schemas.of(call.type());
    if (schema.isEmpty()) {
      return;
    }
    java.util.List<String> unknown = new io.logplane.api.admission.FieldValidation(schema.get().getKey())
        .unknownFields(o, schema.get().getValue());
    if (unknown.isEmpty()) {
      return;
    }
    if (mode.equals("Strict")) {
      StringBuilder m = new StringBuilder("strict decoding error: ");
      for (int i = 0; i < unknown.size(); i++) {
        m.append(i > 0 ? ", " : "").append("unknown field \"").append(unknown.get(i)).append('"');
      }
      throw ApiException.badRequest(m.toString());
    }
    for (String f : unknown) {
      call.ctx().response().headers().add("Warning", "299 - \"unknown field \\\"" + f + "\\\"\"");
    }
  }

  /**
   * What kube-apiserver refuses while decoding a body into its Go type (a 400): values of the
   * wrong JSON type, quantities and base64 that do not parse.
   */
  public void decode(Call call, ObjectNode o) {
    var schema = schemas.of(call.type());
    Decoding.check(call.type(), o, schema.map(Map.Entry::getKey).orElse(null),
        schema.map(Map.Entry::getValue).orElse(null));
  }

  /**
   * As {@link #decode}, for the result of a JSON, merge or strategic merge patch: there the
   * patched object fails to decode as a 422 on the field "patch", whose value is the patched
   * document.
   */
  public void decodePatched(Call call, ObjectNode o) {
    try {
      decode(call, o);
    } catch (ApiException e) {
      throw new FieldErrors().invalid("patch", o.toString(), e.getMessage()).toException("", "", "");
    }
  }

  public static Command.Meta meta(Call call) {
    return AuditNotes.annotated(call, new Command.Meta(call.user() == null ? "system:anonymous" : call.user().name(),
        call.requestId(), System.currentTimeMillis(), call.verb(), call.info().subresource()));
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
    ObjectNode meta = Metadata.of(o);
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

  /**
   * The stored form of an object written in the call's version: converted when that version is
   * stored as another ({@link Conversions}), the object itself otherwise. Defaults and validation
   * then see the stored form, as kube-apiserver's see the internal one.
   */
  public static ObjectNode toStorage(Call call, ObjectNode served) {
    return Conversions.toStorage(call.type(), served);
  }

  /** Defaults, validates and seals an object of a create (in its stored form). */
  public void prepare(Call call, ObjectNode o) {
    ResourceType t = Conversions.storageType(call.type());
    if (CertificateAdmission.isCsr(t)) {
      CertificateAdmission.create(call, o);
    }
    Defaults.apply(t, o);
    Validation.check(t, o);
    if (isNamespace(t)) {
      podSecurityLabels(null, o);
    }
    escalation.check(call.user(), t.group(), t.resource(), o);
    NodeRestriction.create(call, t, o);
    seal(t, o);
  }

  /**
   * The mutating admission of a create, after {@link #prepare} and the field tracking, as
   * kube-apiserver runs its admission plugins after its field manager: what they add belongs to
   * no manager. For a pod, the ServiceAccount admission ({@link ServiceAccountAdmission}).
   */
  public void admit(Call call, ObjectNode o) {
    ResourceType t = Conversions.storageType(call.type());
    if (t.group().isEmpty() && t.kind().equals("Pod") && o.get("spec") instanceof ObjectNode spec) {
      serviceAccount(o, spec);
      podSecurity(call, PodSecurityAdmission.pod(api.podSecurity(), call.user().name(), namespace(o),
          nameOrGenerated(o), o));
    } else if (PodSecurityAdmission.holdsTemplate(t.group(), t.resource())) {
      podSecurity(call, PodSecurityAdmission.workload(api.podSecurity(), call.user().name(), namespace(o), t.group(),
          t.resource(), o));
    }
    policies(call, "CREATE", unsealed(t, o), null);
  }

  /**
   * The admission of an update of a subresource (a status, a CSR's approval): a CSR's rules
   * ({@link CertificateAdmission}), the policies that match it, then the sealing of a Secret's values.
   */
  public void prepareSubresource(Call call, ObjectNode current, ObjectNode o) {
    ResourceType t = Conversions.storageType(call.type());
    if (CertificateAdmission.isCsr(t)) {
      CertificateAdmission.subresource(call, escalation, current, o);
    }
    NodeRestriction.subresource(call, t, current, o);
    if (policies.active()) {
      policies(call, "UPDATE", o, unsealed(t, current));
    }
    seal(t, o);
  }

  /** The validating admission of a delete: NodeRestriction and the policies that match it, on the object as stored now. */
  public void prepareDelete(Call call, String key) {
    if (!policies.active() && !NodeRestriction.concerns(call)) {
      return;
    }
    byte[] stored = api.projection().store().get(key);
    if (stored != null) {
      ResourceType t = Conversions.storageType(call.type());
      ObjectNode current = Json.object(stored);
      NodeRestriction.delete(call, t, current);
      policies(call, "DELETE", null, unsealed(t, current));
    }
  }

  /**
   * The ValidatingAdmissionPolicies' answer, kube's validating admission after every mutation:
   * a refusal in kube's words (its Status code and reason from the validation's), else the
   * warnings of its Warn bindings as {@code Warning} headers.
   */
  private void policies(Call call, String operation, ObjectNode object, ObjectNode old) {
    if (!policies.active()) {
      return;
    }
    ResourceType t = call.type();
    String name = call.info().name() != null ? call.info().name() : object == null ? "" : nameOrGenerated(object);
    boolean isNamespace = isNamespace(t);
    String namespace = t.namespaced() ? call.info().namespace() : isNamespace && call.info().name() != null ? name : "";
    User user = call.user();
    Attributes a = new Attributes(operation, new Attributes.GroupVersionResource(t.group(), t.version(), t.resource()),
        call.info().subresource(), new Attributes.GroupVersionKind(t.group(), t.version(), t.kind()), namespace,
        call.info().name() == null ? "" : call.info().name(), object, old,
        user == null ? null : new Attributes.UserInfo(user.name(), user.uid(), user.groups(), user.extra()),
        call.param("dryRun") != null, null);
    PolicyDecision decision = policies.decide(a);
    decision.warnings().forEach(w -> warn(call, w));
    AuditNotes.note(call, decision.auditAnnotations());
    PolicyDecision.Deny deny = decision.deny();
    if (deny != null) {
      throw new ApiException(deny.code(), deny.reason(), deny.message(), deny.name(), deny.group(), deny.resource(),
          List.of(new ApiException.Cause(null, deny.cause(), null)));
    }
  }

  /** A Secret's values as written, for the policies to see: sealing is storage, not admission. */
  private ObjectNode unsealed(ResourceType t, ObjectNode o) {
    if (!isSecret(t)) {
      return o;
    }
    ObjectNode copy = o.deepCopy();
    api.cipher().unseal(copy);
    return copy;
  }

  /** The PodSecurity admission's answer: a 403 for a pod the namespace's enforce level refuses, else its warnings. */
  private static void podSecurity(Call call, PodSecurityAdmission.Decision decision) {
    AuditNotes.note(call, decision.audit());
    if (decision.forbidden() != null) {
      throw ApiException.of(403, "Forbidden", decision.forbidden());
    }
    decision.warnings().forEach(w -> warn(call, w));
  }

  /** A {@code Warning} header as kube-apiserver writes them, which kubectl prints as {@code Warning: ...}. */
  static void warn(Call call, String text) {
    call.ctx().response().headers().add("Warning", "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
  }

  private static String nameOrGenerated(ObjectNode o) {
    String name = Metadata.text(o, "name");
    return name == null || name.isEmpty() ? Metadata.text(o, "generateName") : name;
  }

  /** The object's Namespace as this replica's projection holds it, or null. */
  private JsonNode namespace(ObjectNode o) {
    return api.projection().store().tree("core/namespaces//" + Metadata.of(o).path("namespace").asText(""));
  }

  private void serviceAccount(ObjectNode pod, ObjectNode spec) {
    String account = ServiceAccountAdmission.defaultAccount(spec);
    JsonNode stored = api.projection().store().tree("core/serviceaccounts/" + Metadata.of(pod).path("namespace")
        .asText("") + "/" + account);
    ServiceAccountAdmission.admit(spec, stored, ThreadLocalRandom.current());
  }

  /**
   * Defaults, validates and seals the new version of an object (PUT or any patch) against the
   * stored one ({@code current}, as stored: a Secret's data is unsealed here for the comparison).
   */
  public void prepareUpdate(Call call, ObjectNode current, ObjectNode o) {
    ResourceType t = Conversions.storageType(call.type());
    Defaults.apply(t, o);
    ObjectNode old = current.deepCopy();
    // kube-apiserver defaults what it reads from storage too: an object stored before a default
    // was added compares with the new one as if it had had it (a pod's default tolerations)
    Defaults.apply(t, old);
    if (isSecret(t)) {
      api.cipher().unseal(old);
    }
    UpdateStrategies.prepare(t, old, o);
    Validation.checkUpdate(t, old, o);
    if (isNamespace(t)) {
      podSecurityLabels(old, o);
    }
    if (isNamespace(t) && PodSecurityAdmission.tightensEnforce(old, o)) {
      List<JsonNode> pods = new ArrayList<>();
      int[] total = {0};
      try (Store.Snapshot snap = api.projection().store().snapshot()) {
        snap.scan("core/pods/" + Metadata.text(o, "name") + "/", null, (key, json) -> {
          if (total[0]++ < PodSecurityAdmission.MAX_PODS_CHECKED) {
            pods.add(Json.object(json));
          }
          return true;
        });
      }
      PodSecurityAdmission.newEnforceLevel(old, o, Metadata.text(o, "name"), pods, total[0]).forEach(w -> warn(call, w));
    }
    escalation.check(call.user(), t.group(), t.resource(), o);
    NodeRestriction.update(call, t, old, o);
    if (t.group().isEmpty() && t.kind().equals("Pod") && PodSecurityAdmission.significantUpdate(old, o)) {
      podSecurity(call, PodSecurityAdmission.pod(api.podSecurity(), call.user().name(), namespace(o),
          call.info().name(), o));
    } else if (PodSecurityAdmission.holdsTemplate(t.group(), t.resource()) && !sameTemplate(old, o)) {
      podSecurity(call, PodSecurityAdmission.workload(api.podSecurity(), call.user().name(), namespace(o), t.group(),
          t.resource(), o));
    }
    policies(call, "UPDATE", o, old);
    seal(t, o);
  }

  /** kube's plugin leaves an update of a workload alone when its spec is unchanged. */
  private static boolean sameTemplate(ObjectNode old, ObjectNode o) {
    return old.path("spec").equals(o.path("spec")) && old.path("template").equals(o.path("template"));
  }

  /** Seals a Secret's values (deterministically: unchanged data keeps its sealed text). */
  public void seal(ResourceType t, ObjectNode o) {
    if (isSecret(t)) {
      api.cipher().seal(o);
    }
  }

  /**
   * A namespace's pod-security labels must be valid when it is made, and when they change to
   * something invalid in another way (kube's plugin lets a namespace keep what it had).
   */
  private static void podSecurityLabels(ObjectNode old, ObjectNode o) {
    List<Map.Entry<String, String>> errors = PodSecurityStandards.invalidLabels(o.path("metadata").path("labels"));
    if (!errors.isEmpty() && (old == null
        || !errors.equals(PodSecurityStandards.invalidLabels(old.path("metadata").path("labels"))))) {
      FieldErrors fields = new FieldErrors();
      errors.forEach(e -> fields.invalidMessage(e.getKey(), e.getValue()));
      throw fields.toException("", "Namespace", Metadata.text(o, "name"));
    }
  }

  private static boolean isNamespace(ResourceType t) {
    return t.group().isEmpty() && t.resource().equals("namespaces");
  }

  private static boolean isSecret(ResourceType t) {
    return t.group().isEmpty() && t.resource().equals("secrets");
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
