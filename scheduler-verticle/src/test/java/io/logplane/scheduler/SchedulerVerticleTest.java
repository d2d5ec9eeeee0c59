package io.logplane.scheduler;

import static io.logplane.scheduler.internal.Fixtures.nodeObject;
import static io.logplane.scheduler.internal.Fixtures.podObject;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.projections.Key;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler deployed as a verticle: it binds pods that exist and pods that come, and stops when undeployed. */
class SchedulerVerticleTest {

  private final Vertx vertx = Vertx.vertx();
  private final MemoryCluster cluster = new MemoryCluster();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  String nodeOf(String pod) {
    return cluster.get(new Key("core", "pods", "default", pod)).path("spec").path("nodeName").asText("");
  }

  @Test
  void bindsPodsUntilUndeployed() throws Exception {
    cluster.put(new Key("core", "pods", "default", "before"), podObject("before", "1", null, null));
    String id = vertx.deployVerticle(new SchedulerVerticle(cluster.informers, cluster)).await(10, TimeUnit.SECONDS);
    cluster.put(new Key("core", "nodes", "", "n1"), nodeObject("n1", "4", "8Gi", null));
    cluster.put(new Key("core", "pods", "default", "after"), podObject("after", "1", null, null));
    await().atMost(10, TimeUnit.SECONDS).until(() -> nodeOf("before").equals("n1") && nodeOf("after").equals("n1"));
    vertx.undeploy(id).await(10, TimeUnit.SECONDS);
    cluster.put(new Key("core", "pods", "default", "late"), podObject("late", "1", null, null));
    assertEquals("", nodeOf("late"), "no handler left to queue it");
  }
}
