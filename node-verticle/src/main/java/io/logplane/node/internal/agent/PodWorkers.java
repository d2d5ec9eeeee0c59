package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pods bound to one node, each synced as the kubelet's pod workers do: level-triggered
 * (the status is made again from the pod and the runtime, and written through
 * {@code pods/{name}/status} only when it differs), one write in flight per pod, a 409 read
 * again and retried. A pod being deleted has its containers stopped, that status written, and
 * is then deleted for good ({@code gracePeriodSeconds=0}, with its uid as precondition). A pod
 * that vanished is forgotten and its IP given back. Runs on the owner's context.
 */
public final class PodWorkers {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);

  private final Requests api;
  private final NodeAgent node;
  private final PodRuntime runtime;
  private final EventRecorder events;
  private final Map<String, PodWorker> pods = new HashMap<>();
  private PodIps ips;

  public PodWorkers(Requests api, NodeAgent node, PodRuntime runtime) {
    this.api = api;
    this.node = node;
    this.runtime = runtime;
    this.events = new EventRecorder(api, node.name());
  }

  /** After a list: {@code bound} are all the pods of this node; any other is forgotten. */
  public void listed(List<JsonNode> bound, Instant now) {
    Set<String> present = new HashSet<>();
    for (JsonNode pod : bound) {
      present.add(key(pod));
    }
    for (String k : new ArrayList<>(pods.keySet())) {
      if (!present.contains(k)) {
        forget(pods.get(k));
      }
    }
    bound.forEach(p -> update(p, now));
  }

  /** A pod of this node was added or changed. */
  public void update(JsonNode pod, Instant now) {
    if (ips == null) {
      if (node.podCidr() == null) {
        return; // not registered yet: the next list brings it again
      }
      ips = new PodIps(node.podCidr());
    }
    String uid = pod.path("metadata").path("uid").asText();
    PodWorker w = pods.get(key(pod));
    if (w != null && !w.uid.equals(uid)) {
      forget(w); // the same name, another pod
      w = null;
    }
    if (w == null) {
      w = new PodWorker(key(pod), uid, pod, start(pod, now), ip(pod, uid));
      pods.put(w.key, w);
    } else if (version(pod) >= version(w.pod)) {
      w.pod = pod;
    }
    sync(w, now);
  }

  /** A pod of this node was deleted. */
  public void gone(JsonNode pod) {
    PodWorker w = pods.get(key(pod));
    if (w != null && w.uid.equals(pod.path("metadata").path("uid").asText())) {
      forget(w);
    }
  }

  /** Syncs the pods whose containers change by themselves by {@code now}. */
  public void tick(Instant now) {
    for (PodWorker w : new ArrayList<>(pods.values())) {
      if (w.next != null && !now.isBefore(w.next)) {
        sync(w, now);
      }
    }
  }

  /** The pods whose containers run now (phase Running, not being stopped), as last seen or written. */
  public List<JsonNode> running() {
    List<JsonNode> found = new ArrayList<>();
    for (PodWorker w : pods.values()) {
      JsonNode status = w.written != null ? w.written : w.pod.path("status");
      if (w.stopAt == null && "Running".equals(status.path("phase").asText())) {
        found.add(w.pod);
      }
    }
    return found;
  }

  /**
   * The pod {@code namespace/name} of this node with the status last written for it (else the
   * one it came with), as the node's server reads it; null when the node does not hold it.
   */
  public JsonNode pod(String namespace, String name) {
    PodWorker w = pods.get(namespace + "/" + name);
    if (w == null) {
      return null;
    }
    if (w.written == null) {
      return w.pod;
    }
    ObjectNode copy = w.pod.deepCopy();
    copy.set("status", w.written);
    return copy;
  }

  /** The images the containers of the node's pods name, init containers' too. */
  public Set<String> images() {
    Set<String> found = new HashSet<>();
    for (PodWorker w : pods.values()) {
      for (String list : new String[] {"initContainers", "containers"}) {
        w.pod.path("spec").path(list).forEach(c -> found.add(c.path("image").asText()));
      }
    }
    return found;
  }

  public int size() {
    return pods.size();
  }

  /**
   * The runtime saw the containers of the pod of {@code uid} change: its status is made and
   * written now, not at the next tick. Nothing happens for a pod the node no longer holds.
   */
  public void changed(String uid, Instant now) {
    for (PodWorker w : pods.values()) {
      if (w.uid.equals(uid)) {
        sync(w, now);
        return;
      }
    }
  }

  private void sync(PodWorker w, Instant now) {
    if (w.busy) {
      w.again = true;
      return;
    }
    boolean stopping = w.pod.path("metadata").hasNonNull("deletionTimestamp");
    if (stopping && w.stopAt == null) {
      w.stopAt = now;
    }
    PodRuntime.Observed seen = runtime.observe(w.pod, node.internalIp(), w.ip, w.start, now,
        w.stopAt);
    ObjectNode status = PodStatusMaker.status(w.pod, seen.runs());
    if (seen.failedMount() != null && !seen.failedMount().equals(w.failedMount)) {
      events.warning(w.pod, null, "FailedMount", seen.failedMount(), now);
    }
    w.failedMount = seen.failedMount();
    w.next = seen.nextChange();
    String phase = status.path("phase").asText();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      ips.release(w.uid);
    }
    // The status written last counts as held too: a server may store it in its own form.
    if (status.equals(w.pod.path("status")) || status.equals(w.written)) {
      if (stopping && seen.stopped()) {
        delete(w);
      }
      return;
    }
    JsonNode before = w.pod; // the watch may bring our own write before its answer comes
    ObjectNode update = before.deepCopy();
    update.set("status", status);
    w.busy = true;
    w.written = status;
    api.call("PUT", path(w) + "/status", update).onComplete(ar -> {
      w.busy = false;
      if (ar.failed() || pods.get(w.key) != w) {
        return; // closed, or forgotten meanwhile
      }
      written(w, before, ar.result(), now);
    });
  }

  private void written(PodWorker w, JsonNode before, KubeClient.Response r, Instant now) {
    if (r.status() == 404) {
      forget(w);
      return;
    }
    if (r.status() == 409) {
      w.written = null;
      api.call("GET", path(w), null).onSuccess(g -> {
        if (g.status() == 404) {
          forget(w);
        } else if (g.ok() && pods.get(w.key) == w) {
          w.pod = NodeAgent.read(g);
          sync(w, now);
        }
      });
      return;
    }
    if (!r.ok()) {
      LOG.warn("status of pod {} refused: {} {}", w.key, r.status(), r.body());
      w.written = null;
      return;
    }
    JsonNode after = NodeAgent.read(r);
    if (version(after) >= version(w.pod)) {
      w.pod = after;
    }
    if (!runtime.recordsContainerEvents()) {
      Starts.announce(events, before, after, now);
    }
    Waits.announce(events, before, after, now);
    if (w.again || w.pod.path("metadata").hasNonNull("deletionTimestamp")) {
      w.again = false;
      sync(w, now);
    }
  }

  private void delete(PodWorker w) {
    if (w.deleteSent) {
      return;
    }
    w.deleteSent = true;
    ObjectNode options = NodeObject.JSON.createObjectNode().put("apiVersion", "v1")
        .put("kind", "DeleteOptions").put("gracePeriodSeconds", 0);
    options.putObject("preconditions").put("uid", w.uid);
    api.call("DELETE", path(w) + "?gracePeriodSeconds=0", options).onSuccess(r -> {
      if (r.status() == 404 || r.status() == 409) {
        forget(w); // gone already, or the name is another pod's now
      }
    });
  }

  private void forget(PodWorker w) {
    if (pods.remove(w.key, w)) {
      runtime.forget(w.uid);
      if (ips != null) {
        ips.release(w.uid);
      }
    }
  }

  private String ip(JsonNode pod, String uid) {
    if (pod.path("spec").path("hostNetwork").asBoolean(false)) {
      return node.internalIp();
    }
    String shown = pod.path("status").path("podIP").asText("");
    if (!shown.isEmpty() && ips.reserve(uid, shown)) {
      return shown;
    }
    String ip = ips.allocate(uid);
    if (ip == null) {
      LOG.warn("node {} has no pod IP left for {}", node.name(), key(pod));
    }
    return ip;
  }

  private static Instant start(JsonNode pod, Instant now) {
    Instant shown = Times.parse(pod.path("status").path("startTime").asText(""));
    return shown != null ? shown : now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static long version(JsonNode pod) {
    try {
      return Long.parseLong(pod.path("metadata").path("resourceVersion").asText("0"));
    } catch (NumberFormatException e) {
      return 0; // not a number on this server: every version counts as new
    }
  }

  private static String key(JsonNode pod) {
    return pod.path("metadata").path("namespace").asText() + "/"
        + pod.path("metadata").path("name").asText();
  }

  private static String path(PodWorker w) {
    int slash = w.key.indexOf('/');
    return "/api/v1/namespaces/" + w.key.substring(0, slash) + "/pods/" + w.key.substring(slash + 1);
  }
}
