package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.CannotStartException;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logplane up --kafka} against a real three-node Kafka cluster of separate processes: the
 * log topic is replicated three times with min.insync.replicas 2, and writes keep being
 * acknowledged — and nothing acknowledged is lost — when one broker is killed.
 */
class ExternalKafkaIT {

  @TempDir
  static Path dir;
  static KafkaCluster kafka;
  static Cluster cluster;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(dir.resolve("kafka"));
    kafka = new KafkaCluster(dir.resolve("kafka")).start();
    cluster = Cluster.start(new Cluster.Options(dir.resolve("logplane"), "127.0.0.1", 0, 0, kafka.bootstrap(), 0));
    api = Api.of(cluster.kubeconfig());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  /**
   * A data directory holds the state of the log it was made from: started on a Kafka whose topic
   * of the same name is another, it is refused in one line, before its projection could take the
   * other log's records for its own.
   */
  @Test
  void aDataDirectoryOfAnotherLogIsRefused() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    try (Cluster embedded = Cluster.start(new Cluster.Options(other, "127.0.0.1", 0, 0, null, 1))) {
      assertEquals("log on one embedded Kafka broker, not replicated", embedded.logReplication());
    }
    CannotStartException e = assertThrows(CannotStartException.class, () -> Cluster.start(
        new Cluster.Options(other, "127.0.0.1", 0, 0, kafka.bootstrap(), 0)).close());
    assertTrue(e.getMessage().startsWith("the data directory " + other + " holds the state of log topic "
        + Cluster.TOPIC), e.getMessage());
    assertTrue(e.getMessage().endsWith("start with the Kafka it was made on, or with a new --data-dir"), e.getMessage());
  }

  private static Response createConfigMap(String name) {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"data\":{\"k\":\"" + name + "\"}}";
    return api.send("POST", "/api/v1/namespaces/default/configmaps", "application/json", body);
  }

  @Test
  void theLogIsReplicatedThreeTimesAndSurvivesTheLossOfABroker() throws Exception {
    Properties p = new Properties();
    p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    try (Admin admin = Admin.create(p)) {
      TopicDescription t = admin.describeTopics(java.util.List.of(Cluster.TOPIC)).allTopicNames().get()
          .get(Cluster.TOPIC);
      assertEquals(1, t.partitions().size());
      assertEquals(3, t.partitions().get(0).replicas().size());
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, Cluster.TOPIC);
      Map<ConfigResource, org.apache.kafka.clients.admin.Config> configs =
          admin.describeConfigs(java.util.List.of(r)).all().get();
      assertEquals("2", configs.get(r).get("min.insync.replicas").value());
      assertEquals("false", configs.get(r).get("unclean.leader.election.enable").value());
    }
    assertEquals("log replicated 3 times on a Kafka cluster of 3 broker(s)", cluster.logReplication());
    for (int i = 0; i < 20; i++) {
      assertEquals(201, createConfigMap("before-" + i).code());
    }
    kafka.kill(2);
    for (int i = 0; i < 20; i++) {
      Response r = createConfigMap("after-" + i);
      assertEquals(201, r.code(), r.text());
    }
    JsonNode items = api.get("/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name!=kube-root-ca.crt")
        .json().path("items");
    assertEquals(40, items.size(), "but the root CA publisher's");
    for (JsonNode item : items) {
      assertTrue(item.path("metadata").path("resourceVersion").asLong() > 0);
    }
  }
}
