package io.logplane.api.table;

import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.num;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Leases, role bindings, ControllerRevisions, PodDisruptionBudgets, admission policies and CSRs. */
final class ControlPrinters {

  private ControlPrinters() {}

  static Printer lease() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.doc("Holder", "string", "coordination/v1.LeaseSpec.holderIdentity"), Column.ageColumn()),
        (o, now) -> List.of(Cells.name(o), str(o, "spec", "holderIdentity"), Cells.age(o, now)));
  }

  static Printer roleBinding(boolean cluster) {
    String what = cluster ? "clusterRoleBinding" : "roleBinding";
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.doc("Role", "string", "rbac/v1." + (cluster ? "ClusterRoleBinding" : "RoleBinding") + ".roleRef"),
        Column.ageColumn(),
        Column.text("Users", "string", "Users in the " + what).wide(),
        Column.text("Groups", "string", "Groups in the " + what).wide(),
        Column.text("ServiceAccounts", "string", "ServiceAccounts in the " + what).wide()),
        (o, now) -> {
          List<String> users = new ArrayList<>();
          List<String> groups = new ArrayList<>();
          List<String> sas = new ArrayList<>();
          for (JsonNode s : o.path("subjects")) {
            switch (str(s, "kind")) {
              case "ServiceAccount" -> sas.add(str(s, "namespace") + "/" + str(s, "name"));
              case "User" -> users.add(str(s, "name"));
              case "Group" -> groups.add(str(s, "name"));
              default -> { }
            }
          }
          return List.of(Cells.name(o), str(o, "roleRef", "kind") + "/" + str(o, "roleRef", "name"),
              Cells.age(o, now), String.join(", ", users), String.join(", ", groups), String.join(", ", sas));
        });
  }

  static Printer controllerRevision() {
    return new SimplePrinter(List.of(Column.nameColumn(), Column.text("Controller", "string", "Controller of the object"),
        Column.doc("Revision", "string", "apps/v1.ControllerRevision.revision"), Column.ageColumn()),
        (o, now) -> List.of(Cells.name(o), controllerOf(o), num(o, "revision"), Cells.age(o, now)));
  }

  /** The controlling owner as {@code kind.group/name}, lower-cased, or {@code <none>}. */
  private static String controllerOf(JsonNode o) {
    for (JsonNode ref : at(o, "metadata", "ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        String apiVersion = str(ref, "apiVersion");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = str(ref, "kind");
        if (kind.isEmpty() && group.isEmpty()) {
          return str(ref, "name");
        }
        String groupKind = group.isEmpty() ? kind : kind + "." + group;
        return groupKind.toLowerCase() + "/" + str(ref, "name");
      }
    }
    return Cells.NONE;
  }

  static Printer podDisruptionBudget() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.text("Min Available", "string", "The minimum number of pods that must be available."),
        Column.text("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
        Column.text("Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
        Column.ageColumn()),
        (o, now) -> List.of(Cells.name(o), intOrString(at(o, "spec", "minAvailable")),
            intOrString(at(o, "spec", "maxUnavailable")), num(o, "status", "disruptionsAllowed"), Cells.age(o, now)));
  }

  private static String intOrString(JsonNode v) {
    return v.isMissingNode() || v.isNull() ? "N/A" : v.asText();
  }

  static Printer validatingAdmissionPolicy() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.text("Validations", "integer", "Validations indicates the number of validation rules defined in this"
            + " configuration"),
        Column.text("ParamKind", "string", "ParamKind specifies the kind of resources used to parameterize this policy"),
        Column.ageColumn()),
        (o, now) -> {
          JsonNode kind = at(o, "spec", "paramKind");
          return List.of(Cells.name(o), Integer.toString(at(o, "spec", "validations").size()),
              kind.isObject() ? str(kind, "apiVersion") + "/" + str(kind, "kind") : "<unset>", Cells.age(o, now));
        });
  }

  static Printer validatingAdmissionPolicyBinding() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.text("PolicyName", "string", "PolicyName indicates the policy definition which the policy binding"
            + " binded to"),
        Column.text("ParamRef", "string", "ParamRef indicates the param resource which sets the configration param"),
        Column.ageColumn()),
        (o, now) -> List.of(Cells.name(o), str(o, "spec", "policyName"), paramRef(at(o, "spec", "paramRef")),
            Cells.age(o, now)));
  }

  static Printer flowSchema() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.text("PriorityLevel", "string", "`name` is the name of the priority level configuration being"
            + " referenced Required."),
        Column.text("MatchingPrecedence", "string", "`matchingPrecedence` is used to choose among the FlowSchemas"
            + " that match a given request."),
        Column.text("DistinguisherMethod", "string", "`distinguisherMethod` defines how to compute the flow"
            + " distinguisher for requests that match this schema."),
        Column.ageColumn(),
        Column.text("MissingPL", "string", "references a broken or non-existent PriorityLevelConfiguration")),
        (o, now) -> {
          String dangling = "?";
          for (JsonNode c : at(o, "status", "conditions")) {
            if (str(c, "type").equals("Dangling")) {
              dangling = str(c, "status");
              break;
            }
          }
          JsonNode method = at(o, "spec", "distinguisherMethod");
          return List.of(Cells.name(o), str(o, "spec", "priorityLevelConfiguration", "name"),
              at(o, "spec", "matchingPrecedence").asLong(),
              method.isObject() ? str(method, "type") : "<none>", Cells.age(o, now), dangling);
        });
  }

  static Printer priorityLevelConfiguration() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.text("Type", "string", "`type` indicates whether this priority level is subject to limitation on"
            + " request execution."),
        Column.text("NominalConcurrencyShares", "string", "`nominalConcurrencyShares` (NCS) contributes to the"
            + " computation of the NominalConcurrencyLimit (NominalCL) of this level."),
        Column.text("Queues", "string", "`queues` is the number of queues for this priority level."),
        Column.text("HandSize", "string", "`handSize` is a small positive number that configures the shuffle"
            + " sharding of requests into queues."),
        Column.text("QueueLengthLimit", "string", "`queueLengthLimit` is the maximum number of requests allowed"
            + " to be waiting in a given queue of this priority level at a time; excess requests are rejected."),
        Column.ageColumn()),
        (o, now) -> {
          JsonNode limited = at(o, "spec", "limited");
          JsonNode queuing = limited.path("limitResponse").path("queuing");
          Object none = "<none>";
          return List.of(Cells.name(o), str(o, "spec", "type"),
              limited.isObject() ? (Object) limited.path("nominalConcurrencyShares").asLong() : none,
              queuing.isObject() ? (Object) queuing.path("queues").asLong() : none,
              queuing.isObject() ? (Object) queuing.path("handSize").asLong() : none,
              queuing.isObject() ? (Object) queuing.path("queueLengthLimit").asLong() : none, Cells.age(o, now));
        });
  }

  /** As kube prints it: namespace/name, {@code *}/name when no namespace is given, else the selector. */
  private static String paramRef(JsonNode ref) {
    if (!ref.isObject()) {
      return "<unset>";
    }
    String name = str(ref, "name");
    if (!name.isEmpty()) {
      String namespace = str(ref, "namespace");
      return (namespace.isEmpty() ? "*" : namespace) + "/" + name;
    }
    JsonNode selector = at(ref, "selector");
    return selector.isObject() ? io.logplane.selectors.LabelSelector.fromJson(selector).toString() : "<unset>";
  }

  static Printer certificateSigningRequest() {
    return new SimplePrinter(List.of(Column.nameColumn(), Column.ageColumn(),
        Column.doc("SignerName", "string", "certificates/v1.CertificateSigningRequestSpec.signerName"),
        Column.doc("Requestor", "string", "certificates/v1.CertificateSigningRequestSpec.request"),
        Column.doc("RequestedDuration", "string", "certificates/v1.CertificateSigningRequestSpec.expirationSeconds"),
        Column.doc("Condition", "string", "certificates/v1.CertificateSigningRequestStatus.conditions")),
        (o, now) -> {
          JsonNode seconds = at(o, "spec", "expirationSeconds");
          String signer = str(o, "spec", "signerName");
          return List.of(Cells.name(o), Cells.age(o, now), signer.isEmpty() ? Cells.NONE : signer,
              str(o, "spec", "username"), seconds.isNumber() ? Durations.human(seconds.asLong() * 1000) : Cells.NONE,
              csrCondition(o));
        });
  }

  /** kube's extractCSRStatus: Denied, Approved or Pending, then Failed and Issued when they hold. */
  private static String csrCondition(JsonNode csr) {
    boolean approved = false;
    boolean denied = false;
    boolean failed = false;
    for (JsonNode c : at(csr, "status", "conditions")) {
      switch (str(c, "type")) {
        case "Approved" -> approved = true;
        case "Denied" -> denied = true;
        case "Failed" -> failed = true;
        default -> { }
      }
    }
    String status = denied ? "Denied" : approved ? "Approved" : "Pending";
    if (failed) {
      status += ",Failed";
    }
    return str(csr, "status", "certificate").isEmpty() ? status : status + ",Issued";
  }
}
