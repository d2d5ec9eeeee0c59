package io.logplane.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records in the log's topic that Logplane did not write (garbage, a tombstone, JSON without an
 * op): the projection rejects each at its offset, records the rejection in the audit trail, and
 * goes on applying what follows, as every replica would.
 */
class BadRecordsIT {

  private static final String CMS = "/api/v1/namespaces/default/configmaps";

  @TempDir static Path dir;
  static Cluster cluster;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterFixture.start(dir);
    api = ClusterFixture.admin(cluster);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void recordsThatAreNoRecordAreRejectedAtTheirOffsetAndTheProjectionGoesOn() throws Exception {
    long[] offsets = new long[3];
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        cluster.kafkaBootstrap()), new ByteArraySerializer(), new ByteArraySerializer())) {
      byte[][] bad = {"\u0000\u0001 not a record".getBytes(StandardCharsets.UTF_8), null,
          "{\"key\":\"core/configmaps/default/x\"}".getBytes(StandardCharsets.UTF_8)};
      for (int i = 0; i < bad.length; i++) {
        offsets[i] = p.send(new ProducerRecord<>(Cluster.TOPIC, bad[i])).get(30, TimeUnit.SECONDS).offset();
      }
    }
    Response created = api.send("POST", CMS, "application/json",
        "{\"metadata\":{\"name\":\"after-garbage\"},\"data\":{\"k\":\"v\"}}");
    assertEquals(201, created.code(), created.text());
    assertTrue(Long.parseLong(created.resourceVersion()) > offsets[2]);
    JsonNode audit = api.get("/apis/history.logplane.io/v1/auditevents?fieldSelector=outcome%3DREJECTED").json();
    for (long offset : offsets) {
      boolean found = false;
      for (JsonNode e : audit.path("items")) {
        found |= e.toString().contains("the record at offset " + offset + " is not a Logplane record");
      }
      assertTrue(found, "offset " + offset + " rejected in the audit trail: " + audit.toPrettyString());
    }
  }
}
