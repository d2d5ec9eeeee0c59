package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.launcher.Cluster;
import io.logplane.projections.ChangeSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The changelog of a log that several servers share, read whole: one chain, as a rebuild reads it,
 * in which each change set follows on from the one before, or is a writer's store contents
 * (from offset 0, never behind the chain) after which the chain goes on. Two servers writing at
 * once would have change sets overlapping each other's.
 */
final class ChangelogChain {

  private ChangelogChain() {}

  /** The ranges of the changelog's records, in order. */
  static List<ChangeSet.Range> read(String bootstrap) {
    TopicPartition tp = new TopicPartition(Cluster.CHANGES, 0);
    List<ChangeSet.Range> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 << 20), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          out.add(ChangeSet.range(r.value()));
        }
      }
    }
    return out;
  }

  /**
   * Asserts the ranges make one chain and returns the last offset it covers; {@code contents}
   * gets how many times a writer started with its store's contents.
   */
  static long assertOneChain(List<ChangeSet.Range> ranges, int[] contents) {
    long applied = -1;
    ChangeSet.Range partOf = null;
    for (int i = 0; i < ranges.size(); i++) {
      ChangeSet.Range r = ranges.get(i);
      boolean follows = partOf != null
          ? r.first() == partOf.first() && r.last() == partOf.last() && r.part() == partOf.part() + 1
          : r.first() == applied + 1 && r.part() == 0;
      boolean fresh = partOf == null && r.first() == 0 && r.part() == 0 && r.last() >= applied && applied >= 0;
      assertTrue(follows || fresh, "change set " + i + " " + r + " neither follows " + applied
          + " nor starts a writer's contents: " + ranges.subList(Math.max(0, i - 3), Math.min(ranges.size(), i + 3)));
      if (fresh && !follows) {
        contents[0]++;
      }
      if (r.more()) {
        partOf = r;
      } else {
        partOf = null;
        applied = r.last();
      }
    }
    return applied;
  }
}
