package io.logplane.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a log topic must be so that Kafka never drops a write it acknowledged, and what to do
 * about a topic that is not: one partition (the log's total order); records kept forever and
 * never compacted (the history is the product); as many replicas as were asked for; an
 * acknowledgement that needs two in-sync replicas whenever there are two or more (with one, a
 * leader could acknowledge alone and then fail); and no unclean leader election (an
 * out-of-sync replica made leader drops what the old leader acknowledged).
 *
 * <p>The settings are read as the broker reports them for the topic, so a broker-wide default
 * counts as well as a topic override. Each problem is said as one sentence with the command
 * that fixes it.
 */
public final class TopicSafety {

  private TopicSafety() {}

  /** The replication factor a new log topic gets on a cluster of {@code brokers}: 3, or all of them when fewer. */
  public static int replicationFactorFor(int brokers) {
    return Math.max(1, Math.min(3, brokers));
  }

  /** The {@code min.insync.replicas} a topic of {@code replicas} replicas needs: 2, or 1 for a single replica. */
  public static int minInsyncReplicasFor(int replicas) {
    return Math.min(2, replicas);
  }

  /**
   * The problems of an existing topic, each with its fix; empty when it is safe.
   *
   * @param partitions how many partitions it has
   * @param replicas   its replication factor (the replicas of its partition)
   * @param wanted     the replication factor asked for
   * @param configs    its effective configuration, as the broker describes it
   */
  public static List<String> problems(String bootstrap, String topic, int partitions, int replicas, int wanted,
      Map<String, String> configs) {
    List<String> out = new ArrayList<>();
    String alter = "kafka-configs.sh --bootstrap-server " + bootstrap + " --alter --entity-type topics --entity-name "
        + topic + " --add-config ";
    if (partitions != 1) {
      out.add("topic " + topic + " has " + partitions + " partitions; the log needs exactly 1 for its total order"
          + " (make a new topic: start with another --data-dir and an empty Kafka, or delete the topic)");
    }
    if (replicas < wanted) {
      out.add("topic " + topic + " has " + replicas + " replica(s), fewer than the " + wanted + " asked for, so the"
          + " loss of " + replicas + " broker(s) loses acknowledged writes (add replicas with"
          + " kafka-reassign-partitions.sh, or ask for fewer with --replication-factor " + replicas + ")");
    }
    for (String key : List.of("retention.ms", "retention.bytes")) {
      String v = configs.get(key);
      if (v != null && !v.equals("-1")) {
        out.add("topic " + topic + " has " + key + "=" + v + ", so Kafka would delete acknowledged writes (fix: "
            + alter + key + "=-1)");
      }
    }
    String cleanup = configs.get("cleanup.policy");
    if (cleanup != null && cleanup.contains("compact")) {
      out.add("topic " + topic + " has cleanup.policy=" + cleanup + ", so Kafka would drop earlier records of a key"
          + " (fix: " + alter + "cleanup.policy=delete)");
    }
    int need = minInsyncReplicasFor(replicas);
    String minIsr = configs.get("min.insync.replicas");
    if (minIsr != null && Integer.parseInt(minIsr.trim()) < need) {
      out.add("topic " + topic + " has min.insync.replicas=" + minIsr + " with " + replicas + " replicas, so a"
          + " write acknowledged by one broker alone is lost with it (fix: " + alter + "min.insync.replicas=" + need
          + ")");
    }
    if ("true".equalsIgnoreCase(configs.get("unclean.leader.election.enable"))) {
      out.add("topic " + topic + " has unclean.leader.election.enable=true, so a replica that missed acknowledged"
          + " writes may become leader and drop them (fix: " + alter + "unclean.leader.election.enable=false)");
    }
    return out;
  }
}
