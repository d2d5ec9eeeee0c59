package io.logplane.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** The log over a real in-process broker: appends (through the producer or in the leader's process), offsets, reads. */
class KafkaEventLogIT {

  @TempDir static Path dir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir, 0);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  static String topic(TestInfo info) {
    return "log-" + info.getTestMethod().orElseThrow().getName();
  }

  static List<Long> appendAll(EventLog log, List<Command> records) throws Exception {
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    for (Command r : records) {
      futures.add(log.append(r));
    }
    List<Long> offsets = new ArrayList<>();
    for (CompletableFuture<Long> f : futures) {
      offsets.add(f.get(30, TimeUnit.SECONDS));
    }
    return offsets;
  }

  static List<LogEntry> readUntil(EventLog.Reader reader, long end) {
    List<LogEntry> read = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((read.isEmpty() || read.get(read.size() - 1).offset() < end - 1)
        && System.nanoTime() < deadline) {
      read.addAll(reader.poll(Duration.ofMillis(200)));
    }
    return read;
  }

  @Test
  void appendsGetContiguousOffsetsFromZeroAndReadBackInOrder(TestInfo info) throws Exception {
    List<Command> records = Records.first(1000);
    try (EventLog log = KafkaEventLog.open(kafka.bootstrap(), topic(info), 1)) {
      List<Long> offsets = appendAll(log, records);
      for (int i = 0; i < offsets.size(); i++) {
        assertEquals(i, offsets.get(i));
      }
      assertEquals(1000L, log.endOffset().get(30, TimeUnit.SECONDS));
      try (EventLog.Reader reader = log.reader(0)) {
        assertEquals(Records.entries(records, 0), readUntil(reader, 1000));
      }
      try (EventLog.Reader reader = log.reader(537)) {
        assertEquals(Records.entries(records, 537), readUntil(reader, 1000));
        reader.seek(998);
        assertEquals(Records.entries(records, 998), readUntil(reader, 1000));
      }
    }
  }

  @Test
  void endOffsetIsNeverOlderThanTheCall(TestInfo info) throws Exception {
    try (EventLog log = KafkaEventLog.open(kafka.bootstrap(), topic(info), 1)) {
      assertEquals(0L, log.endOffset().get(30, TimeUnit.SECONDS));
      for (int i = 0; i < 50; i++) {
        long offset = log.append(Records.number(i)).get(30, TimeUnit.SECONDS);
        List<CompletableFuture<Long>> reads = new ArrayList<>();
        for (int j = 0; j < 8; j++) {
          reads.add(log.endOffset());
        }
        for (CompletableFuture<Long> f : reads) {
          assertEquals(offset + 1, f.get(30, TimeUnit.SECONDS), "read after append " + i);
        }
      }
    }
  }

  /**
   * The embedded broker leads the partition in this process: the end offset read there (no
   * request) is the broker's answer over the network, for this writer's appends and another's.
   */
  @Test
  void theEndOffsetReadInTheBrokersProcessIsTheOneItAnswers(TestInfo info) throws Exception {
    String topic = topic(info);
    assertTrue(kafka.endOffset(topic).isEmpty(), "no such topic yet");
    try (KafkaEventLog other = KafkaEventLog.open(kafka.bootstrap(), topic, 1);
        KafkaEventLog log = KafkaEventLog.open(kafka.bootstrap(), topic, 1)) {
      log.endOffsetFromLeaderInProcess(() -> kafka.endOffset(topic));
      assertEquals(java.util.OptionalLong.of(0), kafka.endOffset(topic), "read in the process");
      for (int i = 0; i < 40; i++) {
        long offset = (i % 2 == 0 ? log : other).append(Records.number(i)).get(30, TimeUnit.SECONDS);
        CompletableFuture<Long> local = log.endOffset();
        assertTrue(local.isDone(), "answered without a request");
        assertEquals(offset + 1, local.get());
        assertEquals(offset + 1, other.endOffset().get(30, TimeUnit.SECONDS), "the broker's answer");
      }
    }
  }

  @Test
  void reopeningAnExistingTopicKeepsItsRecords(TestInfo info) throws Exception {
    List<Command> records = Records.first(10);
    try (EventLog log = KafkaEventLog.open(kafka.bootstrap(), topic(info), 1)) {
      appendAll(log, records);
    }
    try (EventLog log = KafkaEventLog.open(kafka.bootstrap(), topic(info), 1);
        EventLog.Reader reader = log.reader(0)) {
      assertEquals(10L, log.endOffset().get(30, TimeUnit.SECONDS));
      assertEquals(Records.entries(records, 0), readUntil(reader, 10));
      assertEquals(10L, log.append(Records.number(10)).get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void refusesATopicWithSeveralPartitions(TestInfo info) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
      admin.createTopics(List.of(new NewTopic(topic(info), 3, (short) 1))).all().get();
    }
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> KafkaEventLog.open(kafka.bootstrap(), topic(info), 1));
    assertTrue(e.getMessage().contains("3 partitions"), e.getMessage());
  }

  @Test
  void aRecordOverTheLimitFailsItsAppendOnly(TestInfo info) throws Exception {
    try (EventLog log = KafkaEventLog.open(kafka.bootstrap(), topic(info), 1)) {
      Command.Create big = (Command.Create) Records.number(1);
      big.object().put("blob", "x".repeat(9 * 1024 * 1024));
      CompletableFuture<Long> f = log.append(big);
      assertThrows(Exception.class, () -> f.get(30, TimeUnit.SECONDS));
      assertEquals(0L, log.append(Records.number(2)).get(30, TimeUnit.SECONDS));
    }
  }

  // Appends through the partition's leader in this process (the embedded broker), without the producer.

  /**
   * Four threads append in the leader's process while another log appends through its producer:
   * every record gets its own offset, contiguous over both writers; the listener hears this log's
   * in offset order, the record it heard is the one a reader gets there, and each thread's
   * records keep their order.
   */
  @Test
  void appendsInTheLeadersProcessInterleaveWithAProducersAndReadBack(TestInfo info) throws Exception {
    String topic = topic(info);
    AtomicInteger batches = new AtomicInteger();
    List<Long> heard = Collections.synchronizedList(new ArrayList<>());
    List<Command> heardRecords = Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try (KafkaEventLog log = KafkaEventLog.open(kafka.bootstrap(), topic, 1);
        KafkaEventLog other = KafkaEventLog.open(kafka.bootstrap(), topic, 1)) {
      log.appendInLeaderProcess(records -> {
        batches.incrementAndGet();
        return kafka.append(topic, records);
      });
      log.onAppended((offset, record, last) -> {
        heard.add(offset);
        heardRecords.add(record);
      });
      List<Future<List<Long>>> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t * 1000;
        writers.add(threads.submit(() -> {
          List<CompletableFuture<Long>> mine = new ArrayList<>();
          for (int i = 0; i < 250; i++) {
            mine.add(log.append(Records.number(first + i)));
          }
          List<Long> offsets = new ArrayList<>();
          for (CompletableFuture<Long> f : mine) {
            offsets.add(f.get(30, TimeUnit.SECONDS));
          }
          return offsets;
        }));
      }
      List<Long> others = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        others.add(other.append(Records.number(9000 + i)).get(30, TimeUnit.SECONDS));
      }
      List<Long> all = new ArrayList<>(others);
      for (Future<List<Long>> w : writers) {
        List<Long> offsets = w.get(60, TimeUnit.SECONDS);
        for (int i = 1; i < offsets.size(); i++) {
          assertTrue(offsets.get(i) > offsets.get(i - 1), "a thread's records keep their order: " + offsets);
        }
        all.addAll(offsets);
      }
      Collections.sort(all);
      for (int i = 0; i < all.size(); i++) {
        assertEquals(i, all.get(i), "offsets contiguous over both writers");
      }
      List<Long> sortedHeard = new ArrayList<>(heard);
      Collections.sort(sortedHeard);
      assertEquals(sortedHeard, heard, "heard in offset order");
      assertEquals(1000, heard.size());
      assertTrue(batches.get() >= 1 && batches.get() <= 1000, "appended in the leader's process: " + batches);
      assertEquals(1050L, log.endOffset().get(30, TimeUnit.SECONDS));
      try (EventLog.Reader reader = log.reader(0)) {
        List<LogEntry> read = readUntil(reader, 1050);
        assertEquals(1050, read.size());
        for (int i = 0; i < heard.size(); i++) {
          assertEquals(heardRecords.get(i), read.get(heard.get(i).intValue()).command(), "offset " + heard.get(i));
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** A record over the log's limit fails alone, as the broker's error; the next is appended. */
  @Test
  void aRecordOverTheLimitFailsItsAppendInTheLeadersProcessOnly(TestInfo info) throws Exception {
    String topic = topic(info);
    try (KafkaEventLog log = KafkaEventLog.open(kafka.bootstrap(), topic, 1)) {
      log.appendInLeaderProcess(records -> kafka.append(topic, records));
      Command.Create big = (Command.Create) Records.number(1);
      big.object().put("blob", "x".repeat(9 * 1024 * 1024));
      ExecutionException e = assertThrows(ExecutionException.class, () -> log.append(big).get(30, TimeUnit.SECONDS));
      assertInstanceOf(RecordTooLargeException.class, e.getCause());
      assertEquals(0L, log.append(Records.number(2)).get(30, TimeUnit.SECONDS));
    }
  }

  /**
   * Where the partition is not led in this process, the log goes back to its producer for good:
   * the appends still succeed, in order, and the leader is not asked again.
   */
  @Test
  void whereThePartitionIsNotLedHereTheProducerAppends(TestInfo info) throws Exception {
    String topic = topic(info);
    AtomicInteger asked = new AtomicInteger();
    try (KafkaEventLog log = KafkaEventLog.open(kafka.bootstrap(), topic, 1)) {
      log.appendInLeaderProcess(records -> {
        asked.incrementAndGet();
        return CompletableFuture.failedFuture(Errors.NOT_LEADER_OR_FOLLOWER.exception());
      });
      List<CompletableFuture<Long>> appends = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        appends.add(log.append(Records.number(i)));
      }
      for (int i = 0; i < 100; i++) {
        assertEquals(i, appends.get(i).get(30, TimeUnit.SECONDS));
      }
      int before = asked.get();
      assertEquals(100L, log.append(Records.number(100)).get(30, TimeUnit.SECONDS));
      assertEquals(before, asked.get(), "not asked once it answered it does not lead");
      try (EventLog.Reader reader = log.reader(0)) {
        assertEquals(Records.entries(Records.first(101), 0), readUntil(reader, 101));
      }
    }
  }
}
