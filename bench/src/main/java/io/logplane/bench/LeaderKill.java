package io.logplane.bench;

import io.logplane.kubeclient.KubeClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * How long writes stop when the broker leading the log's partition dies: {@code clients} threads
 * create ConfigMaps through the server all along; after {@code steady}, the bench asks the Kafka
 * cluster which broker leads the partition, runs {@code kill} for it ({@code {id}} is its node
 * id), and reports the time from the kill (the command's return) to the acknowledgement of the
 * first write sent after it, and the longest time without an acknowledged write from the moment
 * the command was run; then it runs {@code restart} (if given) and lets the
 * writes go on for {@code steady} more.
 */
final class LeaderKill {

  record Options(String bootstrap, String topic, String kill, String restart, int clients, Duration steady,
      Duration timeout) {}

  record Ack(long sent, long acked) {}

  private LeaderKill() {}

  static Result run(KubeClient client, String namespace, PrintWriter out, Options o) throws InterruptedException {
    Errors errors = new Errors();
    Latencies latencies = new Latencies();
    ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong names = new AtomicLong();
    try {
      client.send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + namespace + "\"}}");
    } catch (IOException e) {
      throw new BenchException("cannot create namespace " + namespace + ": " + e.getMessage());
    }
    String path = "/api/v1/namespaces/" + namespace + "/configmaps";
    ExecutorService writers = Executors.newFixedThreadPool(o.clients());
    for (int c = 0; c < o.clients(); c++) {
      writers.execute(() -> {
        while (!stop.get()) {
          long sent = System.nanoTime();
          try {
            KubeClient.Response r = client.send("POST", path, "{\"metadata\":{\"name\":\"w" + names.getAndIncrement()
                + "\"},\"data\":{\"k\":\"v\"}}");
            if (r.ok()) {
              long acked = System.nanoTime();
              acks.add(new Ack(sent, acked));
              latencies.record(acked - sent);
            } else {
              errors.http(r.status(), r.body());
            }
          } catch (IOException e) {
            errors.failure(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      });
    }
    long start = System.nanoTime();
    String note;
    try {
      pause(o.steady());
      int leader = leader(o.bootstrap(), o.topic());
      out.printf("leader-kill: broker %d leads %s-0; running: %s%n", leader, o.topic(), command(o.kill(), leader));
      long before = System.nanoTime();
      shell(command(o.kill(), leader));
      long killed = System.nanoTime(); // the command has returned: the broker is gone
      long deadline = killed + o.timeout().toNanos();
      while (acks.stream().noneMatch(a -> a.sent() >= killed) && System.nanoTime() < deadline) {
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
      }
      long next = acks.stream().filter(a -> a.sent() >= killed).mapToLong(Ack::acked).min().orElse(-1);
      pause(o.steady());
      if (o.restart() != null) {
        out.printf("leader-kill: running: %s%n", command(o.restart(), leader));
        shell(command(o.restart(), leader));
        pause(o.steady());
      }
      note = String.format(Locale.ROOT, "broker %d killed; next write acknowledged %s after the kill; longest"
          + " time without an acknowledged write %s", leader,
          next < 0 ? "never (within " + o.timeout().toSeconds() + " s)" : ms(next - killed),
          ms(longestGap(acks, before)));
    } finally {
      stop.set(true);
      writers.shutdown();
      writers.awaitTermination(60, TimeUnit.SECONDS);
      try {
        client.send("DELETE", "/api/v1/namespaces/" + namespace, null);
      } catch (IOException e) {
        out.println("leader-kill: cleanup failed: " + e.getMessage());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return Result.of("leader-kill c=" + o.clients(), acks.size(), errors, acks.size() / seconds, latencies.stats(),
        note);
  }

  /** The longest time between acknowledgements from {@code from} on (and from it to the first). */
  static long longestGap(java.util.Collection<Ack> acks, long from) {
    long[] times = acks.stream().mapToLong(Ack::acked).sorted().toArray();
    long longest = 0;
    long previous = from;
    for (long t : times) {
      if (t >= from) {
        longest = Math.max(longest, t - previous);
        previous = t;
      }
    }
    return longest;
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
  }

  private static String command(String template, int leader) {
    return template.replace("{id}", Integer.toString(leader));
  }

  private static int leader(String bootstrap, String topic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Node leader = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
          .partitions().get(0).leader();
      if (leader == null || leader.isEmpty()) {
        throw new BenchException(topic + "-0 has no leader now");
      }
      return leader.id();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new BenchException("cannot ask " + bootstrap + " for the leader of " + topic + "-0: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted");
    }
  }

  private static void shell(String command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
      String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new BenchException("'" + command + "' failed: " + said);
      }
    } catch (IOException e) {
      throw new BenchException("cannot run '" + command + "': " + e.getMessage());
    }
  }

  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }
}
