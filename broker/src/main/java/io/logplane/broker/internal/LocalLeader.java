package io.logplane.broker.internal;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import kafka.cluster.Partition;
import kafka.server.BrokerServer;
import kafka.server.KafkaRaftServer;
import kafka.server.ReplicaManager;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.storage.internals.log.AppendOrigin;
import org.apache.kafka.storage.internals.log.UnifiedLog;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * What the broker running in this process knows of a partition it leads, read without a
 * request: its high watermark, which is what a consumer's {@code endOffsets} (isolation
 * {@code read_uncommitted}) answers from the leader, at the cost of a map lookup instead of a
 * round trip through the broker's network and request threads.
 *
 * <p>{@link KafkaRaftServer} keeps its broker in a private field; it is read once, by
 * reflection. Where that fails (another Kafka version) or the partition is not led here, the
 * answer is empty and the caller asks over the network as any client does.
 */
public final class LocalLeader {

  private final ReplicaManager replicas;

  private LocalLeader(ReplicaManager replicas) {
    this.replicas = replicas;
  }

  /** The started server's partitions; null when its broker cannot be reached in the process. */
  public static LocalLeader of(KafkaRaftServer server) {
    try {
      Field field = KafkaRaftServer.class.getDeclaredField("broker");
      field.setAccessible(true);
      Option<?> broker = (Option<?>) field.get(server);
      if (broker.isEmpty() || !(broker.get() instanceof BrokerServer b) || b.replicaManager() == null) {
        return null;
      }
      return new LocalLeader(b.replicaManager());
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** The partition's high watermark when it is led by this broker; empty otherwise. */
  public OptionalLong highWatermark(TopicPartition partition) {
    Option<Partition> p = replicas.onlinePartition(partition);
    if (p.isEmpty()) {
      return OptionalLong.empty();
    }
    Option<UnifiedLog> leader = p.get().leaderLogIfLocal();
    return leader.isEmpty() ? OptionalLong.empty() : OptionalLong.of(leader.get().highWatermark());
  }

  /**
   * Appends the records to a partition this broker leads, as one batch, the way the broker
   * appends a produce request's (acks=all: done once every in-sync replica has them), without the
   * request: no client I/O thread, no network or request-handler thread between the caller and
   * the log. The batch carries no producer id, so the broker neither checks nor keeps sequence
   * numbers for it; nothing retries it, so there is nothing to deduplicate.
   *
   * @return the offset of the first record; failed with Kafka's exception for the error (as a
   *     producer's send reports it), {@link org.apache.kafka.common.errors.NotLeaderOrFollowerException}
   *     when the partition is not led here
   */
  public CompletableFuture<Long> append(TopicPartition partition, List<SimpleRecord> records,
      Compression compression, long timeoutMillis) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    Option<Partition> p = replicas.onlinePartition(partition);
    if (p.isEmpty() || p.get().leaderLogIfLocal().isEmpty()) {
      done.completeExceptionally(Errors.NOT_LEADER_OR_FOLLOWER.exception());
      return done;
    }
    try {
      appendTo(partition, records, compression, timeoutMillis, done);
    } catch (RuntimeException e) {
      done.completeExceptionally(e); // the broker refused the call itself (shutting down, say)
    }
    return done;
  }

  private void appendTo(TopicPartition partition, List<SimpleRecord> records, Compression compression,
      long timeoutMillis, CompletableFuture<Long> done) {
    TopicIdPartition id = replicas.topicIdPartition(partition);
    MemoryRecords batch = MemoryRecords.withRecords(compression, records.toArray(SimpleRecord[]::new));
    replicas.appendRecords(timeoutMillis, (short) -1, false, AppendOrigin.CLIENT,
        CollectionConverters.asScala(Map.of(id, batch)), responses -> {
          ProduceResponse.PartitionResponse r = responses.get(id);
          if (r == null) {
            done.completeExceptionally(Errors.UNKNOWN_SERVER_ERROR.exception("no answer for " + partition));
          } else if (r.error != Errors.NONE) {
            done.completeExceptionally(r.error.exception(r.errorMessage));
          } else {
            done.complete(r.baseOffset);
          }
          return BoxedUnit.UNIT;
        }, replicas.appendRecords$default$7(), replicas.appendRecords$default$8(), replicas.appendRecords$default$9(),
        replicas.appendRecords$default$10());
    // as the broker does after each request: wakes the fetches waiting for these records
    replicas.tryCompleteActions();
  }
}
