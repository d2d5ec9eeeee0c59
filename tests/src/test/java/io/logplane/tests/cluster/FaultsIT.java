package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.launcher.Cluster;
import io.logplane.tests.cluster.linearizability.Input;
import io.logplane.tests.cluster.linearizability.LinearizabilityChecker;
import io.logplane.tests.cluster.linearizability.Operation;
import io.logplane.tests.cluster.linearizability.Output;
import io.logplane.tests.cluster.linearizability.Result;
import io.logplane.tests.http.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode under faults, as processes: three Kafka nodes ({@code logplane kafka}) and two
 * Logplane replicas on them, six clients writing through both all along (a {@link CasWorkload}),
 * while a broker is killed with -9, then the log partition's leader, then a broker is frozen with
 * SIGSTOP for 30 s, then a replica is killed with -9; each comes back. Afterwards: every write a
 * client got a 2xx for is in the log's history with its value, no write is in it twice, the two
 * replicas list the same objects at the same resourceVersion, and the whole history of calls is
 * linearizable (one register per ConfigMap). How long writes stopped at each fault is printed.
 */
class FaultsIT {

  private static final Duration STEADY = Duration.ofSeconds(8);

  @TempDir Path dir;

  @Test
  void nothingAcknowledgedIsLostAndTheHistoryIsLinearizable() throws Exception {
    Files.createDirectories(dir.resolve("kafka"));
    try (KafkaCluster kafka = new KafkaCluster(dir.resolve("kafka")).start()) {
      Replica[] replicas = {Replica.startReplicated(dir.resolve("a"), kafka.bootstrap(), dir.resolve("shared")),
          Replica.startReplicated(dir.resolve("b"), kafka.bootstrap(), dir.resolve("shared"))};
      try {
        Replica a = replicas[0];
        Replica b = replicas[1];
        assertEquals(201, a.api().send("POST", "/api/v1/namespaces", "application/json",
            "{\"metadata\":{\"name\":\"" + CasWorkload.NAMESPACE + "\"}}").code());
        Map<String, Long> outages = new LinkedHashMap<>();
        CasWorkload load = new CasWorkload(List.of(a.api(), b.api()));
        try (CasWorkload running = load.start(6)) {
          pause(STEADY);
          int follower = (kafka.leader(Cluster.TOPIC, 0) + 1) % KafkaCluster.NODES;
          outages.put("kill -9 of a follower broker", fault(load, () -> kill(kafka, follower), () -> {
            restart(kafka, follower);
            return true;
          }));
          int leader = kafka.leader(Cluster.TOPIC, 0);
          outages.put("kill -9 of the log partition's leader", fault(load, () -> kill(kafka, leader), () -> {
            restart(kafka, leader);
            return true;
          }));
          int frozen = kafka.leader(Cluster.TOPIC, 0);
          outages.put("SIGSTOP of the leader for 30 s", fault(load, () -> signal(kafka, frozen, true), () -> {
            pause(Duration.ofSeconds(30).minus(STEADY));
            signal(kafka, frozen, false);
            return true;
          }));
          outages.put("kill -9 of an API replica", fault(load, a::kill, () -> true));
          replicas[0] = Replica.startReplicated(dir.resolve("a"), kafka.bootstrap(), dir.resolve("shared"));
          load.replace(0, replicas[0].api());
          pause(STEADY);
        }
        report(outages, load);
        theReplicasListTheSameObjects(replicas[0].api(), b.api());
        everyAcknowledgedWriteIsInTheHistoryOnce(b.api(), load.history.operations());
        Result verdict = LinearizabilityChecker.withTimeout(Duration.ofMinutes(2)).check(load.history.operations());
        assertTrue(verdict.isLinearizable(), verdict.toString());
      } finally {
        for (Replica r : replicas) {
          r.close();
        }
      }
    }
  }

  /** A fault under load, then its repair: the longest time no write was acknowledged from the fault to STEADY after the repair. */
  private static long fault(CasWorkload load, Step fault, BooleanSupplier repair) throws Exception {
    long from = System.nanoTime();
    fault.run();
    pause(STEADY);
    repair.getAsBoolean();
    pause(STEADY);
    return load.longestGapMillis(from, System.nanoTime());
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private static void kill(KafkaCluster kafka, int node) {
    try {
      kafka.kill(node);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void restart(KafkaCluster kafka, int node) {
    try {
      kafka.startNode(node);
      kafka.awaitBrokers(KafkaCluster.NODES, Duration.ofMinutes(2));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void signal(KafkaCluster kafka, int node, boolean stop) {
    try {
      if (stop) {
        kafka.stop(node);
      } else {
        kafka.resume(node);
      }
    } catch (java.io.IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Time passing under load: nothing waits on a condition here, the faults are timed as a user's would be. */
  private static void pause(Duration d) {
    Awaitility.await().pollDelay(d).atMost(d.plusSeconds(5)).until(() -> true);
  }

  private static void report(Map<String, Long> outages, CasWorkload load) {
    StringBuilder out = new StringBuilder("FaultsIT: longest time without an acknowledged write, per fault:\n");
    outages.forEach((fault, millis) -> out.append(String.format("  %-45s %,7d ms%n", fault, millis)));
    long unknown = load.history.operations().stream().filter(Operation::isUnknown).count();
    out.append(String.format("  %,d calls recorded, %,d acknowledged writes, %,d without an answer%n",
        load.history.operations().size(), load.acknowledged.size(), unknown));
    System.out.print(out);
  }

  /** Both replicas list the same ConfigMaps, Leases and Namespaces at one resourceVersion, byte for byte. */
  private static void theReplicasListTheSameObjects(Api a, Api b) {
    String rv = a.get("/api/v1/namespaces").json().at("/metadata/resourceVersion").asText();
    for (String path : List.of("/api/v1/configmaps", "/apis/coordination.k8s.io/v1/leases", "/api/v1/namespaces")) {
      String exact = path + "?resourceVersion=" + rv + "&resourceVersionMatch=Exact";
      JsonNode fromA = a.get(exact).json().path("items");
      JsonNode fromB = b.get(exact).json().path("items");
      assertTrue(fromA.size() > 0, path);
      assertEquals(fromA.toString(), fromB.toString(), path + " at " + rv);
    }
  }

  /**
   * Every write answered 2xx is a version in the log's history with the value it wrote, and no
   * value (each write's is unique) is in two versions: nothing acknowledged lost, nothing applied twice.
   */
  private static void everyAcknowledgedWriteIsInTheHistoryOnce(Api api, List<Operation> operations) {
    Map<String, String> versions = new HashMap<>();
    Map<String, Integer> applied = new HashMap<>();
    String selector = URLEncoder.encode("target.resource=configmaps", StandardCharsets.UTF_8);
    String next = "";
    do {
      JsonNode page = api.get("/apis/history.logplane.io/v1/namespaces/" + CasWorkload.NAMESPACE
          + "/versions?includeObject=Object&limit=500&fieldSelector=" + selector
          + (next.isEmpty() ? "" : "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8))).json();
      for (JsonNode v : page.path("items")) {
        String type = v.path("type").asText();
        // the workload's keys only: the root CA publisher's kube-root-ca.crt is in the namespace too
        if ((type.equals("ADDED") || type.equals("MODIFIED")) && v.at("/target/name").asText().matches("k\\d+")) {
          String value = v.at("/object/data/v").asText();
          versions.put(v.path("resourceVersion").asText(), value);
          applied.merge(value, 1, Integer::sum);
        }
      }
      next = page.at("/metadata/continue").asText();
    } while (!next.isEmpty());
    int checked = 0;
    for (Operation o : operations) {
      if (o.output() instanceof Output.Written w) {
        String value = o.input() instanceof Input.Create c ? c.value() : ((Input.Update) o.input()).value();
        assertEquals(value, versions.get(w.rv()), "the write of " + value + " acknowledged at " + w.rv());
        checked++;
      }
    }
    assertTrue(checked > 100, "acknowledged writes checked: " + checked);
    applied.forEach((value, times) -> assertEquals(1, times, value + " applied " + times + " times"));
  }
}
