package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.broker.EmbeddedKafka;
import io.logplane.events.EventLog;
import io.logplane.events.KafkaChangelog;
import io.logplane.events.KafkaEventLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The changelog writer against a real broker, its store's commits made by the test: every
 * committed batch reaches the changelog as one change set, in commit order, including those
 * still queued at close; a store ahead of its changelog gives it its contents first; one the
 * changelog is ahead of appends only what follows; and a change set that cannot be appended
 * leaves a gap that the store's contents close at the next commit.
 */
class ChangelogWriterIT {

  @TempDir static Path dir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  /** One store, its changelog and the writer between them; closing sends what is queued. */
  private static final class Rig implements AutoCloseable {
    final String topic;
    final RocksStore store;
    final EventLog log;
    KafkaChangelog changelog;
    ChangelogWriter writer;

    Rig(TestInfo info, String name) {
      topic = info.getTestMethod().orElseThrow().getName() + "-" + name;
      store = RocksStore.open(dir.resolve(topic));
      log = KafkaEventLog.open(kafka.bootstrap(), topic + "-log", 1);
    }

    Rig attach(String changelogTopic) {
      return attach(changelogTopic, true);
    }

    Rig attach(String changelogTopic, boolean writing) {
      return attach(changelogTopic, writing, false);
    }

    /** With {@code inProcess}, change sets go to the broker's leader in its process (as the embedded default's do). */
    Rig attach(String changelogTopic, boolean writing, boolean inProcess) {
      changelog = KafkaChangelog.open(kafka.bootstrap(), changelogTopic, 1);
      if (inProcess) {
        changelog.appendInLeaderProcess(records -> kafka.append(changelogTopic, records, KafkaChangelog.COMPRESSION));
      }
      writer = ChangelogWriter.attach(changelog, store, new Projection(log, store, new StateMachine(Set.of()), 10),
          writing);
      return this;
    }

    /** Commits a batch of offsets first..last that writes ConfigMap cm-{last} with value. */
    void commit(long first, long last, String value) {
      commit(first, last, "cm-" + last, value);
    }

    void commit(long first, long last, String name, String value) {
      String key = "core/configmaps/default/" + name;
      byte[] json = ("{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"v\":\"" + value + "\"}}")
          .getBytes(StandardCharsets.UTF_8);
      // The index keys come from the tree: its metadata is enough, whatever the size of the data.
      ObjectNode meta = Json.object(("{\"metadata\":{\"name\":\"" + name + "\"}}").getBytes(StandardCharsets.UTF_8));
      assertEquals(first, store.appliedOffset() + 1, "batches follow on");
      store.commit(last, Map.of(key, new Store.Write(json, meta, null)), List.of(), List.of());
    }

    @Override
    public void close() {
      if (writer != null) {
        writer.close();
        changelog.close();
      }
      log.close();
      store.close();
    }
  }

  @ParameterizedTest(name = "in the leader's process: {0}")
  @ValueSource(booleans = {false, true})
  void everyCommittedBatchIsOneChangeSetInCommitOrderThoseQueuedAtCloseToo(boolean inProcess, TestInfo info) {
    String changes;
    try (Rig rig = new Rig(info, "a" + inProcess)) {
      changes = rig.topic + "-changes";
      rig.attach(changes, true, inProcess);
      for (long o = 0; o < 300; o += 3) {
        rig.commit(o, o + 2, "v" + o);
      }
      assertEquals(inProcess, rig.changelog.appendsInLeaderProcess());
    }
    List<byte[]> sets = read(changes);
    assertEquals(100, sets.size());
    for (int i = 0; i < sets.size(); i++) {
      assertEquals(new ChangeSet.Range(3L * i, 3L * i + 2, false, 0), ChangeSet.range(sets.get(i)));
    }
    List<String> values = new ArrayList<>();
    ChangeSet.decode(sets.get(7), new ChangeSet.Visitor() {
      @Override
      public void range(long first, long last) {}

      @Override
      public void op(byte[] key, byte[] value) {
        values.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
      }
    });
    assertTrue(values.stream().anyMatch(v -> v != null && v.contains("\"v\":\"v21\"")), values.toString());
  }

  /**
   * Two servers on one log, each with its store cut into batches of its own: only the elected one
   * writes the changelog, so each record's change is in it once; the other, elected when the
   * first stops, starts with its store's contents and goes on from there.
   */
  @Test
  void onlyTheElectedServerWritesAndATakeOverStartsWithItsContents(TestInfo info) {
    String changes;
    try (Rig a = new Rig(info, "a"); Rig b = new Rig(info, "b")) {
      changes = a.topic + "-changes";
      a.attach(changes, true);
      b.attach(changes, false);
      for (long o = 0; o < 30; o += 3) {
        a.commit(o, o + 2, "v" + o);
        b.commit(o, o, "v" + o); // b cuts its batches elsewhere
        b.commit(o + 1, o + 2, "v" + o);
      }
      org.awaitility.Awaitility.await().until(() -> a.writer.lagRecords() == 0); // a's sets acknowledged
      a.writer.lead(false);
      b.writer.lead(true);
      b.commit(30, 31, "after");
      a.commit(30, 31, "after");
      b.commit(32, 32, "later");
      a.commit(32, 32, "later");
    }
    List<ChangeSet.Range> ranges = read(changes).stream().map(ChangeSet::range).toList();
    List<ChangeSet.Range> expected = new ArrayList<>();
    for (long o = 0; o < 30; o += 3) {
      expected.add(new ChangeSet.Range(o, o + 2, false, 0)); // a's, while elected
    }
    expected.add(new ChangeSet.Range(0, 31, false, 0)); // b's contents once elected, after its next commit
    expected.add(new ChangeSet.Range(32, 32, false, 0)); // then b's batches
    assertEquals(expected, ranges);
  }

  @Test
  void aStoreAheadOfItsChangelogFirstGivesItsContents(TestInfo info) {
    String changes;
    try (Rig rig = new Rig(info, "a")) {
      changes = rig.topic + "-changes";
      rig.commit(0, 4, "before");
      rig.commit(5, 9, "before");
      rig.attach(changes);
      rig.commit(10, 10, "after");
    }
    List<ChangeSet.Range> ranges = read(changes).stream().map(ChangeSet::range).toList();
    assertEquals(List.of(new ChangeSet.Range(0, 9, false, 0), new ChangeSet.Range(10, 10, false, 0)), ranges);
  }

  @Test
  void aStoreBehindItsChangelogAppendsOnlyWhatFollowsIt(TestInfo info) {
    String changes = "behind-changes";
    try (Rig first = new Rig(info, "first")) {
      first.attach(changes);
      first.commit(0, 4, "x");
      first.commit(5, 9, "x");
    }
    // A store that lost its last commit (not flushed before a crash) applies it again.
    try (Rig second = new Rig(info, "second")) {
      second.commit(0, 4, "x");
      second.attach(changes);
      second.commit(5, 9, "x");
      second.commit(10, 12, "y");
    }
    List<ChangeSet.Range> ranges = read(changes).stream().map(ChangeSet::range).toList();
    assertEquals(List.of(new ChangeSet.Range(0, 4, false, 0), new ChangeSet.Range(5, 9, false, 0),
        new ChangeSet.Range(10, 12, false, 0)), ranges);
  }

  @ParameterizedTest(name = "in the leader's process: {0}")
  @ValueSource(booleans = {false, true})
  void aChangeSetThatCannotBeAppendedLeavesAGapTheStoresContentsClose(boolean inProcess, TestInfo info)
      throws Exception {
    String changes;
    try (Rig rig = new Rig(info, "a" + inProcess)) {
      changes = rig.topic + "-changes";
      rig.attach(changes, true, inProcess);
      rig.commit(0, 0, "small");
      // Larger than the changelog takes: the producer (or the leader, in its process) refuses it
      // at once, and the writer goes on.
      rig.commit(1, 1, "big", incompressible(KafkaChangelog.MAX_MESSAGE_BYTES + (1 << 20)));
      rig.commit(2, 2, "big", "small again");
      // The sender refused 1 before it sent what followed it, so the writer knows of the gap now.
      awaitEndOffset(changes, 2);
      rig.commit(3, 3, "after");
    }
    List<ChangeSet.Range> ranges = read(changes).stream().map(ChangeSet::range).toList();
    // 1 is lost. The first commit the writer hears after the refusal sends the store's contents
    // instead (they hold it): 2's when the refusal came first, else 3's.
    List<ChangeSet.Range> refusedBefore2 = List.of(new ChangeSet.Range(0, 0, false, 0),
        new ChangeSet.Range(0, 2, false, 0), new ChangeSet.Range(3, 3, false, 0));
    List<ChangeSet.Range> refusedAfter2 = List.of(new ChangeSet.Range(0, 0, false, 0),
        new ChangeSet.Range(2, 2, false, 0), new ChangeSet.Range(0, 3, false, 0));
    assertTrue(ranges.equals(refusedBefore2) || ranges.equals(refusedAfter2), ranges.toString());
  }

  /** Text that LZ4 cannot make smaller: random letters and digits (the leader measures a compressed batch). */
  private static String incompressible(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    java.util.Random random = new java.util.Random(16);
    char[] text = new char[length];
    for (int i = 0; i < length; i++) {
      text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(text);
  }

  private static void awaitEndOffset(String topic, long end) {
    Awaitility.await(topic + " reaches offset " + end).atMost(Duration.ofSeconds(30))
        .until(() -> KafkaChangelog.endOffset(kafka.bootstrap(), topic) >= end);
  }

  /** Every record of a changelog topic, in order. */
  private static List<byte[]> read(String topic) {
    long end = KafkaChangelog.endOffset(kafka.bootstrap(), topic);
    TopicPartition p = new TopicPartition(topic, 0);
    List<byte[]> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrap(), ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, KafkaChangelog.MAX_MESSAGE_BYTES),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.assign(List.of(p));
      c.seekToBeginning(List.of(p));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < end) {
        assertTrue(System.nanoTime() - deadline < 0, "read " + out.size() + " of " + end + " from " + topic);
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
