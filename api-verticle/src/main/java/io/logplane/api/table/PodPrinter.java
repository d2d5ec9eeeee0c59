package io.logplane.api.table;

import static io.logplane.api.table.Cells.NONE;
import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Pods as {@code kubectl get pods} shows them: readiness, the aggregate status kubectl derives
 * from phase, init containers, container states and deletion (Pending, ContainerCreating,
 * Init:0/1, CrashLoopBackOff, Completed, Terminating...), restarts with the last one's age.
 */
final class PodPrinter implements Printer {

  private static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      Column.text("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
      Column.text("Status", "string", "The aggregate status of the containers in this pod."),
      Column.text("Restarts", "string", "The number of times the containers in this pod have been restarted "
          + "and when the last container in this pod has restarted."),
      Column.ageColumn(),
      Column.doc("IP", "string", "core/v1.PodStatus.podIP").wide(),
      Column.doc("Node", "string", "core/v1.PodSpec.nodeName").wide(),
      Column.doc("Nominated Node", "string", "core/v1.PodStatus.nominatedNodeName").wide(),
      Column.doc("Readiness Gates", "string", "core/v1.PodSpec.readinessGates").wide());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<ObjectNode> conditions(JsonNode pod) {
    String phase = str(pod, "status", "phase");
    if (!phase.equals("Succeeded") && !phase.equals("Failed")) {
      return List.of();
    }
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("type", "Completed");
    c.put("status", "True");
    c.put("reason", phase);
    c.put("message", phase.equals("Succeeded") ? "The pod has completed successfully." : "The pod failed.");
    return List.of(c);
  }

  @Override
  public List<Object> cells(JsonNode pod, long now) {
    PodStatus s = PodStatus.of(pod);
    String restarts = String.valueOf(s.restarts());
    if (s.lastRestartMillis() != null) {
      restarts = s.restarts() + " (" + Durations.human(now - s.lastRestartMillis()) + " ago)";
    }
    return List.of(Cells.name(pod), s.ready() + "/" + s.total(), s.reason(), restarts, Cells.age(pod, now),
        orNone(podIp(pod)), orNone(str(pod, "spec", "nodeName")),
        orNone(str(pod, "status", "nominatedNodeName")), readinessGates(pod));
  }

  private static String podIp(JsonNode pod) {
    JsonNode ips = at(pod, "status", "podIPs");
    return ips.size() > 0 ? str(ips.get(0), "ip") : str(pod, "status", "podIP");
  }

  private static String readinessGates(JsonNode pod) {
    JsonNode gates = at(pod, "spec", "readinessGates");
    if (gates.size() == 0) {
      return NONE;
    }
    int trueConditions = 0;
    for (JsonNode gate : gates) {
      String type = str(gate, "conditionType");
      for (JsonNode c : at(pod, "status", "conditions")) {
        if (str(c, "type").equals(type)) {
          trueConditions += str(c, "status").equals("True") ? 1 : 0;
          break;
        }
      }
    }
    return trueConditions + "/" + gates.size();
  }

  private static String orNone(String s) {
    return s.isEmpty() ? NONE : s;
  }
}
