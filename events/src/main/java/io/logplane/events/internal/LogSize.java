package io.logplane.events.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/** The size on disk of one partition, from the log directories of the brokers that hold it. */
public final class LogSize {

  private static final long TIMEOUT_SECONDS = 10;

  private LogSize() {}

  /** The largest replica's size in bytes; 0 when no broker reports the partition. */
  public static long of(Admin admin, TopicPartition partition) {
    try {
      var brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream().map(Node::id)
          .toList();
      long largest = 0;
      for (var dirs : admin.describeLogDirs(brokers).allDescriptions().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .values()) {
        for (LogDirDescription dir : dirs.values()) {
          ReplicaInfo replica = dir.replicaInfos().get(partition);
          if (replica != null) {
            largest = Math.max(largest, replica.size());
          }
        }
      }
      return largest;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe the log directories: " + e, e);
    }
  }
}
