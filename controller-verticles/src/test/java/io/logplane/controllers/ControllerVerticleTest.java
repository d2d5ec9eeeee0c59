package io.logplane.controllers;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A controller deployed as a verticle over in-memory informers: what wakes it (its kind, the
 * objects it owns, mapped kinds), and a reconciler that throws on one key while the others are
 * served.
 */
class ControllerVerticleTest {

  private final Vertx vertx = Vertx.vertx();
  private final MemoryCluster cluster = new MemoryCluster();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void theKindItsOwnedObjectsAndMappedKindsWakeIt() throws Exception {
    cluster.put(key("apps", "replicasets", "ns", "existing"), object("{}"));
    Controller c = Controller.named("test").reconciles("apps/replicasets/").owns("core/pods/", "ReplicaSet")
        .watches("core/nodes/", node -> List.of("apps/replicasets/ns/for-" + node.at("/metadata/name").asText()))
        .build(key -> {
          seen.add(key);
          return Reconciler.Result.DONE;
        });
    String id = vertx.deployVerticle(new ControllerVerticle(c, cluster.informers)).await(10, TimeUnit.SECONDS);
    cluster.put(key("core", "pods", "ns", "p1"), object("""
        {"metadata": {"name": "p1", "namespace": "ns", "ownerReferences": [
          {"kind": "ReplicaSet", "name": "web", "controller": true}, {"kind": "Other", "name": "x"}]}}"""));
    cluster.put(key("core", "pods", "ns", "p2"), object("""
        {"metadata": {"name": "p2", "namespace": "ns", "ownerReferences": [{"kind": "ReplicaSet", "name": "loose"}]}}"""));
    cluster.put(key("core", "nodes", "", "n1"), object("{\"metadata\": {\"name\": \"n1\"}}"));
    await().atMost(10, TimeUnit.SECONDS).until(() -> seen.equals(Set.of("apps/replicasets/ns/existing",
        "apps/replicasets/ns/web", "apps/replicasets/ns/for-n1")));
    vertx.undeploy(id).await(10, TimeUnit.SECONDS);
  }

  @Test
  void aKeyThatFailsDoesNotHoldUpTheOthers() throws Exception {
    Controller c = Controller.named("test").reconciles("apps/replicasets/").build(key -> {
      if (key.endsWith("/bad")) {
        throw new IllegalStateException("this one always fails");
      }
      seen.add(key);
      return Reconciler.Result.DONE;
    });
    vertx.deployVerticle(new ControllerVerticle(c, cluster.informers)).await(10, TimeUnit.SECONDS);
    cluster.put(key("apps", "replicasets", "ns", "bad"), object("{}"));
    for (int i = 0; i < 20; i++) {
      cluster.put(key("apps", "replicasets", "ns", "good" + i), object("{}"));
    }
    await().atMost(10, TimeUnit.SECONDS).until(() -> seen.size() == 20);
    assertTrue(seen.stream().noneMatch(k -> k.endsWith("/bad")));
  }

  private static Key key(String group, String resource, String ns, String name) {
    return new Key(group, resource, ns, name);
  }

  private static ObjectNode object(String json) {
    return Json.object(json.getBytes(StandardCharsets.UTF_8));
  }
}
