package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.launcher.Cluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static KafkaCluster kafka;
  static Cluster cluster;
  static HttpClient http;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(dir.resolve("kafka"));
    kafka = new KafkaCluster(dir.resolve("kafka")).start();
    cluster = Cluster.start(new Cluster.Options(dir.resolve("logplane"), "127.0.0.1", 0, 0, kafka.bootstrap(), 3));
    JsonNode kc = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(cluster.kubeconfig().toFile());
    token = kc.path("users").get(0).path("user").path("token").asText();
    byte[] ca = Base64.getDecoder().decode(kc.path("clusters").get(0).path("cluster")
        .path("certificate-authority-data").asText());
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    ks.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(ca)));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
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

  private static HttpResponse<String> createConfigMap(String name) throws Exception {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"data\":{\"k\":\"" + name + "\"}}";
    return http.send(HttpRequest.newBuilder(URI.create(cluster.url() + "/api/v1/namespaces/default/configmaps"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
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
      assertEquals(201, createConfigMap("before-" + i).statusCode());
    }
    kafka.kill(2);
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = createConfigMap("after-" + i);
      assertEquals(201, r.statusCode(), r.body());
    }
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(
            URI.create(cluster.url() + "/api/v1/namespaces/default/configmaps"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode items = JSON.readTree(list.body()).path("items");
    assertEquals(40, items.size());
    for (JsonNode item : items) {
      assertTrue(item.path("metadata").path("resourceVersion").asLong() > 0);
    }
  }
}
