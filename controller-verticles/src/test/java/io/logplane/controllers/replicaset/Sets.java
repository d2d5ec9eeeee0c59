package io.logplane.controllers.replicaset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.MemoryCluster;
import io.logplane.controllers.Ready;
import io.logplane.controllers.workload.Owners;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** ReplicaSets and pods of namespace {@code ns} in a {@link MemoryCluster}, as the tests set them up. */
final class Sets {

  private final MemoryCluster cluster;

  Sets(MemoryCluster cluster) {
    this.cluster = cluster;
  }

  static String key(String name) {
    return "apps/replicasets/ns/" + name;
  }

  static Key podKey(String name) {
    return new Key("core", "pods", "ns", name);
  }

  ObjectNode replicaSet(String name, int replicas, int minReadySeconds) throws Exception {
    return cluster.create(Key.parse(key(name)), json("""
        {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "%s", "namespace": "ns"},
         "spec": {"replicas": %d, "minReadySeconds": %d, "selector": {"matchLabels": {"app": "web"}},
          "template": {"metadata": {"labels": {"app": "web"}},
           "spec": {"containers": [{"name": "web", "image": "nginx:1"}]}}}}"""
        .formatted(name, replicas, minReadySeconds))).get();
  }

  ObjectNode get(String name) {
    return cluster.get(Key.parse(key(name)));
  }

  void scale(String name, int replicas) throws Exception {
    ObjectNode rs = get(name).deepCopy();
    ((ObjectNode) rs.get("spec")).put("replicas", replicas);
    cluster.update(Key.parse(key(name)), rs).get();
  }

  /** A pod labelled app=web that nothing owns, on a node (none when empty), ready or not. */
  ObjectNode orphan(String name, String node, boolean ready) throws Exception {
    ObjectNode pod = cluster.create(podKey(name), json("""
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "%s", "namespace": "ns", "labels": {"app": "web"}},
         "spec": {"nodeName": "%s", "containers": [{"name": "web", "image": "nginx:1"}]},
         "status": {"phase": "%s"}}""".formatted(name, node, node.isEmpty() ? "Pending" : "Running"))).get();
    return ready ? makeReady(name) : pod;
  }

  /** Marks a pod Running and Ready as of now, as its node would. */
  ObjectNode makeReady(String name) throws Exception {
    return Ready.mark(cluster, podKey(name));
  }

  ObjectNode pod(String name) {
    return cluster.get(podKey(name));
  }

  List<ObjectNode> pods() {
    return cluster.list("core/pods/");
  }

  List<String> podNames() {
    return pods().stream().map(p -> Metadata.text(p, "name")).sorted().toList();
  }

  List<ObjectNode> owned(ObjectNode rs) {
    return pods().stream().filter(p -> Owners.controlledBy(p, Metadata.uid(rs))).toList();
  }

  static ObjectNode json(String text) {
    return Json.object(text.getBytes(StandardCharsets.UTF_8));
  }
}
