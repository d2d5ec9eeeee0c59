package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * core/v1 Events about a node's pods, as the kubelet records them (source {@code kubelet} on
 * this host), so that {@code kubectl describe pod} lists them; and about other objects for the
 * node's other components (its provisioner's about claims). As client-go's recorder with its
 * correlator: the same event again (same source, object, field, type, reason and message)
 * patches the count and lastTimestamp of the Event already written, which {@code kubectl
 * describe} shows as "(x4 over 2m)", instead of writing another; and each object may spend 25
 * events at once, then one per five minutes, so a pod failing in a loop does not flood the log
 * (a repeat held back still counts, and the next one written says so). Best effort: an Event
 * the server refuses is logged and dropped.
 */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private final Requests api;
  private final String node;
  private final String component;
  private final EventCorrelator correlator = new EventCorrelator();
  private long sequence;

  public EventRecorder(Requests api, String node) {
    this(api, node, "kubelet");
  }

  /** Events of another component of the node ({@code source.component}). */
  public EventRecorder(Requests api, String node, String component) {
    this.api = api;
    this.node = node;
    this.component = component;
  }

  /** A Normal event about a namespaced core/v1 object of that kind (a PersistentVolumeClaim). */
  public void about(String kind, JsonNode object, String reason, String message, Instant now) {
    record("Normal", kind, object, null, reason, message, now);
  }

  /** A Normal event about a container ({@code spec.containers{name}}), or the pod (null). */
  public void normal(JsonNode pod, String container, String reason, String message,
      Instant now) {
    record("Normal", "Pod", pod, container, reason, message, now);
  }

  /** A Warning event about a container ({@code spec.containers{name}}), or the pod (null). */
  public void warning(JsonNode pod, String container, String reason, String message,
      Instant now) {
    record("Warning", "Pod", pod, container, reason, message, now);
  }

  /**
   * A Warning event about the node itself, as the kubelet's {@code nodeRef} has it (kind Node,
   * uid the node's name), in namespace {@code default}.
   */
  public void nodeWarning(String reason, String message, Instant now) {
    ObjectNode e = event(node, "default", now);
    e.putObject("involvedObject").put("kind", "Node").put("name", node).put("uid", node);
    send(e, "Warning", reason, message, now);
  }

  private void record(String type, String kind, JsonNode pod, String container, String reason,
      String message, Instant now) {
    JsonNode meta = pod.path("metadata");
    String ns = meta.path("namespace").asText("default");
    ObjectNode e = event(meta.path("name").asText(), ns, now);
    ObjectNode involved = e.putObject("involvedObject").put("apiVersion", "v1").put("kind", kind)
        .put("namespace", ns).put("name", meta.path("name").asText())
        .put("uid", meta.path("uid").asText());
    if (container != null) {
      involved.put("fieldPath", "spec.containers{" + container + "}");
    }
    send(e, type, reason, message, now);
  }

  private ObjectNode event(String object, String ns, Instant now) {
    ObjectNode e = NodeObject.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Event");
    // client-go names an Event after its object and the time in nanoseconds, in hex.
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() + sequence++;
    e.putObject("metadata").put("name", object + "." + Long.toHexString(nanos)).put("namespace", ns);
    return e;
  }

  private void send(ObjectNode e, String type, String reason, String message, Instant now) {
    String ns = e.path("metadata").path("namespace").asText();
    e.put("reason", reason).put("message", message).put("type", type);
    e.putObject("source").put("component", component).put("host", node);
    e.put("firstTimestamp", Times.time(now)).put("lastTimestamp", Times.time(now)).put("count", 1);
    e.put("reportingComponent", component).put("reportingInstance", node);
    EventCorrelator.Seen seen;
    synchronized (correlator) {
      seen = correlator.observe(e, now.toEpochMilli());
    }
    if (seen == null) {
      return;
    }
    if (seen.count() == 1) {
      create(e, reason);
      return;
    }
    // The Event first written of these, now counted again: patched, or written again if it went
    // (or was not there yet: its create still on its way, which then takes the patch).
    e.with("metadata").put("name", seen.name());
    e.put("count", seen.count()).put("firstTimestamp", seen.firstTimestamp());
    ObjectNode patch = NodeObject.JSON.createObjectNode().put("count", seen.count())
        .put("lastTimestamp", Times.time(now)).put("message", message);
    String path = "/api/v1/namespaces/" + ns + "/events/" + seen.name();
    api.call("PATCH", path, patch).onSuccess(r -> {
      if (r.status() == 404) {
        api.call("POST", "/api/v1/namespaces/" + ns + "/events", e).onSuccess(c -> {
          if (c.status() == 409) {
            api.call("PATCH", path, patch).onSuccess(again -> answered(e, reason, again));
          } else {
            answered(e, reason, c);
          }
        });
      } else {
        answered(e, reason, r);
      }
    });
  }

  private void create(ObjectNode e, String reason) {
    String ns = e.path("metadata").path("namespace").asText();
    api.call("POST", "/api/v1/namespaces/" + ns + "/events", e).onSuccess(r -> answered(e, reason, r));
  }

  private static void answered(ObjectNode e, String reason, io.logplane.kubeclient.KubeClient.Response r) {
    if (!r.ok()) {
      refused(e, reason, r);
    }
  }

  private static void refused(ObjectNode e, String reason, io.logplane.kubeclient.KubeClient.Response r) {
    LOG.warn("event {} of {} refused: {} {}", reason, e.path("involvedObject").path("name").asText(), r.status(),
        r.body());
  }
}
