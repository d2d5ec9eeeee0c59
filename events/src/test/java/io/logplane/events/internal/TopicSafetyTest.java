package io.logplane.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules a log topic is held to, one setting at a time. */
class TopicSafetyTest {

  private static final Map<String, String> SAFE = Map.of("retention.ms", "-1", "retention.bytes", "-1",
      "cleanup.policy", "delete", "min.insync.replicas", "2", "unclean.leader.election.enable", "false");

  @Test
  void threeReplicasOrEveryBrokerWhenFewerAndTwoInSyncFromTwoOn() {
    assertEquals(List.of(1, 2, 3, 3), List.of(TopicSafety.replicationFactorFor(1), TopicSafety.replicationFactorFor(2),
        TopicSafety.replicationFactorFor(3), TopicSafety.replicationFactorFor(5)));
    assertEquals(List.of(1, 2, 2), List.of(TopicSafety.minInsyncReplicasFor(1), TopicSafety.minInsyncReplicasFor(2),
        TopicSafety.minInsyncReplicasFor(3)));
  }

  @Test
  void aSafeTopicHasNoProblem() {
    assertEquals(List.of(), TopicSafety.problems("k:9092", "log", 1, 3, 3, SAFE));
    assertEquals(List.of(), TopicSafety.problems("k:9092", "log", 1, 1, 1, Map.of("min.insync.replicas", "1")));
  }

  @Test
  void eachUnsafeSettingIsAProblemWithItsFix() {
    Map<String, String> c = new java.util.HashMap<>(SAFE);
    c.put("min.insync.replicas", "1");
    List<String> p = TopicSafety.problems("k:9092", "log", 1, 3, 3, c);
    assertEquals(List.of("topic log has min.insync.replicas=1 with 3 replicas, so a write acknowledged by one broker"
        + " alone is lost with it (fix: kafka-configs.sh --bootstrap-server k:9092 --alter --entity-type topics"
        + " --entity-name log --add-config min.insync.replicas=2)"), p);
  }

  @Test
  void fewerReplicasThanAskedAndSeveralPartitionsAreProblems() {
    List<String> p = TopicSafety.problems("k:9092", "log", 3, 1, 3, Map.of("min.insync.replicas", "1"));
    assertEquals(2, p.size(), p.toString());
    assertTrue(p.get(0).startsWith("topic log has 3 partitions"), p.get(0));
    assertTrue(p.get(1).startsWith("topic log has 1 replica(s), fewer than the 3 asked for"), p.get(1));
  }
}
