package io.logplane.controllers.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.List;

/**
 * One pod behind a Service: its address, whether it is ready, serving and terminating, and the
 * Service's ports as this pod resolves them (a named targetPort is looked up in its containers).
 */
record Backend(String ip, String pod, String uid, String node, String hostname, boolean ready, boolean serving,
    boolean terminating, List<Port> ports) {

  /** A resolved port: the Service port's name and protocol, the pod's port number. */
  record Port(String name, int port, String protocol, String appProtocol) {}

  ObjectNode targetRef(String namespace) {
    return JsonNodeFactory.instance.objectNode().put("kind", "Pod").put("namespace", namespace).put("name", pod)
        .put("uid", uid);
  }

  /** Whether a pod counts: it has an address and has not finished. */
  static boolean eligible(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText();
    return !pod.path("status").path("podIP").asText("").isEmpty() && !phase.equals("Succeeded")
        && !phase.equals("Failed");
  }

  static Backend of(JsonNode pod, List<Port> ports) {
    boolean ready = false;
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        ready = c.path("status").asText().equals("True");
      }
    }
    boolean terminating = Metadata.terminating(pod);
    String hostname = pod.path("spec").path("hostname").asText("");
    return new Backend(pod.path("status").path("podIP").asText(), Metadata.text(pod, "name"), Metadata.uid(pod),
        pod.path("spec").path("nodeName").asText(""), hostname, ready && !terminating, ready, terminating, ports);
  }
}
