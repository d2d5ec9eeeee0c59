package io.logplane.broker.internal;

import java.lang.reflect.Field;
import java.util.OptionalLong;
import kafka.cluster.Partition;
import kafka.server.BrokerServer;
import kafka.server.KafkaRaftServer;
import kafka.server.ReplicaManager;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.storage.internals.log.UnifiedLog;
import scala.Option;

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
}
