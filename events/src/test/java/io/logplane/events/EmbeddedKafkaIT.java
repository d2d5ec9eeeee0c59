package io.logplane.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logplane.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker keeps its log, cluster id and port across restarts on one directory. */
class EmbeddedKafkaIT {

  @TempDir Path dir;

  @Test
  void restartOnTheSameDirectoryKeepsRecordsAndPort() throws Exception {
    List<Command> records = Records.first(25);
    String bootstrap;
    String clusterId;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
        EventLog log = KafkaEventLog.open(kafka.bootstrap(), "log", 1)) {
      bootstrap = kafka.bootstrap();
      clusterId = kafka.clusterId();
      KafkaEventLogIT.appendAll(log, records);
    }
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0);
        EventLog log = KafkaEventLog.open(kafka.bootstrap(), "log", 1);
        EventLog.Reader reader = log.reader(0)) {
      assertEquals(bootstrap, kafka.bootstrap());
      assertEquals(clusterId, kafka.clusterId());
      assertEquals(25L, log.endOffset().get(30, TimeUnit.SECONDS));
      assertEquals(Records.entries(records, 0), KafkaEventLogIT.readUntil(reader, 25));
      assertEquals(25L, log.append(Records.number(25)).get(30, TimeUnit.SECONDS));
    }
  }
}
