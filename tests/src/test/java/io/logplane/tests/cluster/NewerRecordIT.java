package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.broker.EmbeddedKafka;
import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's health as kube-apiserver reports it ({@code /readyz?verbose}, one check, an
 * excluded one), and a server that meets a record of a newer Logplane in its log: it cannot apply
 * it, nor serve on from a state that no longer moves, so it says which record in one line and
 * exits non-zero; a server started on that log refuses to start with the same line.
 */
class NewerRecordIT {

  @TempDir Path dir;

  @Test
  void aServerSaysItsHealthAndExitsOnARecordOfANewerVersion() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
      Replica a = Replica.start(dir.resolve("a"), kafka.bootstrap(), "--replication-factor", "1");
      try {
        Api api = a.api();
        Response verbose = api.get("/readyz?verbose");
        assertEquals(200, verbose.code());
        assertEquals("[+]ping ok\n[+]kafka ok\n[+]projection ok\nreadyz check passed\n", verbose.text());
        assertEquals("ok", api.get("/readyz").text());
        assertEquals("ok", api.get("/livez/kafka").text());
        assertEquals(404, api.get("/readyz/etcd").code());
        assertEquals("[+]ping ok\n[+]kafka excluded: ok\nlivez check passed\n",
            api.get("/livez?verbose&exclude=kafka").text());

        long offset;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), new ByteArraySerializer(),
            new ByteArraySerializer())) {
          offset = producer.send(new ProducerRecord<>(Cluster.TOPIC, "{\"op\":\"teleport\",\"rid\":\"from-the-future\"}"
              .getBytes(StandardCharsets.UTF_8))).get().offset();
        }
        String line = "logplane: the record at offset " + offset + " has the op \"teleport\", which this version of"
            + " Logplane does not know: a newer one wrote it; upgrade this server to read the log\n";
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> a.exitCode() >= 0);
        assertEquals(1, a.exitCode(), a.output());
        assertTrue(a.output().contains(line), a.output());

        Replica b = Replica.launch(dir.resolve("b"), kafka.bootstrap(), "--replication-factor", "1");
        try {
          Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> b.exitCode() >= 0);
          assertEquals(1, b.exitCode(), b.output());
          assertTrue(b.output().contains(line), b.output());
          assertTrue(!b.output().contains("Logplane is ready"), b.output());
        } finally {
          b.close();
        }
      } finally {
        a.close();
      }
    }
  }
}
