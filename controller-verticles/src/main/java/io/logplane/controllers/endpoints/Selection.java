package io.logplane.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.selectors.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which pods a Service selects, and its ports as each pod resolves them. Pure. */
final class Selection {

  private Selection() {}

  /** Whether the Service has a selector: without one, its endpoints are the user's to write. */
  static boolean selects(JsonNode service) {
    JsonNode s = service.path("spec").path("selector");
    return s.isObject() && !s.isEmpty();
  }

  static boolean matches(JsonNode service, JsonNode pod) {
    if (!selects(service)) {
      return false;
    }
    ObjectNode sel = JsonNodeFactory.instance.objectNode();
    sel.set("matchLabels", service.path("spec").path("selector"));
    return LabelSelector.fromJson(sel).matches(pod.path("metadata").path("labels"));
  }

  /** The eligible pods the Service selects, by name, each with its resolved ports. */
  static List<Backend> backends(JsonNode service, List<? extends JsonNode> pods) {
    List<Backend> found = new ArrayList<>();
    boolean notReadyToo = service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
    for (JsonNode pod : pods) {
      if (!Backend.eligible(pod) || !matches(service, pod)) {
        continue;
      }
      Backend b = Backend.of(pod, ports(service, pod));
      found.add(notReadyToo && !b.ready() ? new Backend(b.ip(), b.pod(), b.uid(), b.node(), b.hostname(), true,
          true, b.terminating(), b.ports()) : b);
    }
    found.sort(Comparator.comparing(Backend::ip).thenComparing(Backend::pod));
    return found;
  }

  /** The Service's ports for one pod; a named targetPort the pod does not have leaves the port out. */
  static List<Backend.Port> ports(JsonNode service, JsonNode pod) {
    List<Backend.Port> ports = new ArrayList<>();
    for (JsonNode p : service.path("spec").path("ports")) {
      JsonNode target = p.get("targetPort");
      int number;
      if (target == null || target.isNull()) {
        number = p.path("port").asInt();
      } else if (target.isInt() || target.asText().matches("\\d+")) {
        number = target.asInt();
      } else {
        number = named(pod, target.asText());
      }
      if (number > 0) {
        ports.add(new Backend.Port(p.path("name").asText(""), number, p.path("protocol").asText("TCP"),
            p.path("appProtocol").asText(null)));
      }
    }
    return ports;
  }

  private static int named(JsonNode pod, String name) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        if (name.equals(p.path("name").asText())) {
          return p.path("containerPort").asInt();
        }
      }
    }
    return 0;
  }
}
