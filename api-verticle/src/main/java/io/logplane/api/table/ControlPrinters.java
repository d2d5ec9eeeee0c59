package io.logplane.api.table;

import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.num;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Leases, role bindings, ControllerRevisions and PodDisruptionBudgets. */
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
}
