package io.logplane.tests.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.broker.EmbeddedKafka;
import io.logplane.events.KafkaChangelog;
import io.logplane.launcher.Cluster;
import io.logplane.launcher.replay.ReplayCommand;
import io.logplane.launcher.replay.Target;
import io.logplane.projections.Json;
import io.logplane.projections.RocksStore;
import io.logplane.tests.http.Api;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory whose log is older than its changelog (as one from before there was a
 * changelog): the server starts the changelog with its store's contents, in parts, and appends
 * its commits after them, so a replay loads the whole log from the changelog, deciding nothing,
 * into the bytes of the live store.
 */
class ChangelogSeedIT {

  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

  @TempDir Path dir;

  @Test
  void aStoreWithoutAChangelogStartsOneWithItsContents() throws Exception {
    try (Cluster cluster = start()) {
      Api api = Api.of(cluster.kubeconfig());
      for (int i = 0; i < 30; i++) {
        assertEquals(201, api.send("POST", CONFIGMAPS, configMap("before-" + i)).code());
      }
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
      admin.deleteTopics(List.of(Cluster.CHANGES)).all().get(30, TimeUnit.SECONDS);
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> KafkaChangelog.endOffset(kafka.bootstrap(), Cluster.CHANGES) == 0);
    }
    long applied;
    byte[] live;
    try (Cluster cluster = start()) {
      Api api = Api.of(cluster.kubeconfig());
      for (int i = 0; i < 10; i++) {
        assertEquals(201, api.send("POST", CONFIGMAPS, configMap("after-" + i)).code());
      }
      assertEquals(200, api.send("DELETE", CONFIGMAPS + "/before-3", null).code());
      long end = cluster.log().endOffset().get(30, TimeUnit.SECONDS);
      cluster.projection().awaitApplied(end - 1).get(30, TimeUnit.SECONDS);
      applied = cluster.projection().appliedOffset();
      live = cluster.projection().store().hash();
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ReplayCommand.Result r = ReplayCommand.run(dir, new Target.Offset(applied), dir.resolve("replayed"), null, false,
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    try (RocksStore replayed = r.store()) {
      assertEquals(applied + 1, r.stats().applied());
      assertEquals(applied + 1, r.stats().restored(), () -> err.toString(StandardCharsets.UTF_8));
      assertArrayEquals(live, replayed.hash());
      assertTrue(replayed.get("core/configmaps/default/before-7") != null);
      assertTrue(replayed.get("core/configmaps/default/before-3") == null);
    }
  }

  private Cluster start() throws Exception {
    return Cluster.start(new Cluster.Options(dir, "127.0.0.1", 0, 0, null, 1));
  }

  private static ObjectNode configMap(String name) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    o.putObject("metadata").put("name", name).put("namespace", "default");
    o.putObject("data").put("v", name);
    return o;
  }
}
