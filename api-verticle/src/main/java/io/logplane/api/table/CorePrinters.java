package io.logplane.api.table;

import static io.logplane.api.table.Cells.NONE;
import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Namespaces, Nodes, ConfigMaps, Secrets, ServiceAccounts, ResourceQuotas. */
final class CorePrinters {

  private CorePrinters() {}

  static Printer namespace() {
    return new SimplePrinter(List.of(Column.nameColumn(), Column.text("Status", "string", "The status of the namespace"),
        Column.ageColumn()),
        (o, now) -> List.of(Cells.name(o), str(o, "status", "phase"), Cells.age(o, now)));
  }

  static Printer configMap() {
    return new SimplePrinter(List.of(Column.nameColumn(), Column.doc("Data", "string", "core/v1.ConfigMap.data"),
        Column.ageColumn()),
        (o, now) -> List.of(Cells.name(o), (long) (o.path("data").size() + o.path("binaryData").size()),
            Cells.age(o, now)));
  }

  static Printer secret() {
    return new SimplePrinter(List.of(Column.nameColumn(), Column.doc("Type", "string", "core/v1.Secret.type"),
        Column.doc("Data", "string", "core/v1.Secret.data"), Column.ageColumn()),
        (o, now) -> List.of(Cells.name(o), str(o, "type"), (long) o.path("data").size(), Cells.age(o, now)));
  }

  static Printer serviceAccount() {
    return new SimplePrinter(List.of(Column.nameColumn(),
        Column.doc("Secrets", "string", "core/v1.ServiceAccount.secrets"), Column.ageColumn()),
        (o, now) -> List.of(Cells.name(o), (long) o.path("secrets").size(), Cells.age(o, now)));
  }

  static Printer node() {
    String info = "core/v1.NodeSystemInfo.";
    return new SimplePrinter(List.of(Column.nameColumn(), Column.text("Status", "string", "The status of the node"),
        Column.text("Roles", "string", "The roles of the node"), Column.ageColumn(),
        Column.doc("Version", "string", info + "kubeletVersion"),
        Column.doc("Internal-IP", "string", "core/v1.NodeStatus.addresses").wide(),
        Column.doc("External-IP", "string", "core/v1.NodeStatus.addresses").wide(),
        Column.doc("OS-Image", "string", info + "osImage").wide(),
        Column.doc("Kernel-Version", "string", info + "kernelVersion").wide(),
        Column.doc("Container-Runtime", "string", info + "containerRuntimeVersion").wide()),
        (o, now) -> {
          JsonNode ni = at(o, "status", "nodeInfo");
          return List.of(Cells.name(o), nodeStatus(o), roles(o), Cells.age(o, now), str(ni, "kubeletVersion"),
              address(o, "InternalIP"), address(o, "ExternalIP"), orUnknown(str(ni, "osImage")),
              orUnknown(str(ni, "kernelVersion")), orUnknown(str(ni, "containerRuntimeVersion")));
        });
  }

  private static String nodeStatus(JsonNode node) {
    List<String> status = new ArrayList<>();
    JsonNode ready = null;
    for (JsonNode c : at(node, "status", "conditions")) {
      if (str(c, "type").equals("Ready")) {
        ready = c; // the last one wins, as in kube's condition map
      }
    }
    if (ready == null) {
      status.add("Unknown");
    } else {
      status.add(str(ready, "status").equals("True") ? "Ready" : "NotReady");
    }
    if (at(node, "spec", "unschedulable").asBoolean(false)) {
      status.add("SchedulingDisabled");
    }
    return String.join(",", status);
  }

  private static String roles(JsonNode node) {
    TreeSet<String> roles = new TreeSet<>();
    for (Iterator<String> it = at(node, "metadata", "labels").fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (k.startsWith("node-role.kubernetes.io/") && k.length() > "node-role.kubernetes.io/".length()) {
        roles.add(k.substring("node-role.kubernetes.io/".length()));
      } else if (k.equals("kubernetes.io/role") && !str(node, "metadata", "labels", k).isEmpty()) {
        roles.add(str(node, "metadata", "labels", k));
      }
    }
    return roles.isEmpty() ? NONE : String.join(",", roles);
  }

  private static String address(JsonNode node, String type) {
    for (JsonNode a : at(node, "status", "addresses")) {
      if (str(a, "type").equals(type)) {
        return str(a, "address");
      }
    }
    return NONE;
  }

  private static String orUnknown(String s) {
    return s.isEmpty() ? "<unknown>" : s;
  }

  static Printer resourceQuota() {
    return new SimplePrinter(List.of(Column.nameColumn(), Column.ageColumn(),
        Column.text("Request", "string",
            "Request represents a minimum amount of cpu/memory that a container may consume."),
        Column.text("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use "
            + "independent of contention on the node.")),
        (o, now) -> {
          List<String> requests = new ArrayList<>();
          List<String> limits = new ArrayList<>();
          TreeSet<String> resources = new TreeSet<>();
          at(o, "status", "hard").fieldNames().forEachRemaining(resources::add);
          for (String r : resources) {
            String used = str(o, "status", "used", r);
            String text = r + ": " + (used.isEmpty() ? "0" : used) + "/" + str(o, "status", "hard", r);
            (r.startsWith("limits.") ? limits : requests).add(text);
          }
          return List.of(Cells.name(o), Cells.age(o, now), String.join(", ", requests), String.join(", ", limits));
        });
  }
}
