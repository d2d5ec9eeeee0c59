package io.logplane.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;

/**
 * The pods of the scheduler scenario, in the shape of scheduler_perf's SchedulingBasic: one
 * pause container requesting 100m cpu and 200Mi. They go to the fake nodes only (a
 * nodeSelector on their label, a toleration of their taint), and tolerate the NoSchedule taints
 * {@code not-ready} and {@code unreachable} too: kube-apiserver puts {@code not-ready} on every
 * node it creates until the controller-manager takes it off, and the controller-manager marks a
 * node unreachable 40 s after its last heartbeat, which the fake nodes never renew. The
 * figure is then the scheduler's, whatever the controller-manager does meanwhile.
 */
final class PendingPods {
  private PendingPods() {}

  static String pod(String namespace, String name) {
    ObjectNode pod = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata").put("name", name).put("namespace", namespace);
    meta.putObject("labels").put("app", "logplane-bench-scheduler");
    ObjectNode spec = pod.putObject("spec");
    spec.putObject("nodeSelector").put(FakeNodes.LABEL, "true");
    ArrayNode tolerations = spec.putArray("tolerations");
    for (String key : new String[] {FakeNodes.LABEL, "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable"}) {
      tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", "NoSchedule");
    }
    ObjectNode container = spec.putArray("containers").addObject()
        .put("name", "pause").put("image", "registry.k8s.io/pause:3.9");
    ObjectNode resources = container.putObject("resources");
    resources.putObject("requests").put("cpu", "100m").put("memory", "200Mi");
    return pod.toString();
  }

  /** Creates pod {@code prefix<index>} of {@code namespace}, from a body encoded once. */
  static CreateThroughput.Creates creates(KubeClient client, String namespace,
      BodyTemplate template) {
    KubeClient.Prepared post =
        client.prepare("POST", "/api/v1/namespaces/" + namespace + "/pods", true, false);
    return index -> client.send(post, template.body(index));
  }

  static BodyTemplate template(String namespace, String prefix) {
    return new BodyTemplate(prefix, name -> pod(namespace, name));
  }
}
