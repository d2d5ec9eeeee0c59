package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
    cluster = Cluster.start(new Cluster.Options(dir.resolve("logplane"), "127.0.0.1", 0, 0, kafka.bootstrap(), 3));
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
    }
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
