package io.logplane.tests.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.tests.cluster.linearizability.HistoryRecorder;
import io.logplane.tests.cluster.linearizability.Input;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Clients that keep writing ConfigMaps through the API replicas while faults happen, as Jepsen's
 * register workloads do: reads, creates, compare-and-set updates (a GET, then a PUT with the
 * resourceVersion it saw) and conditional deletes, over a few keys, every call recorded with
 * when it was sent and what came back (or that nothing did: a timeout, a refused connection), so
 * the history can be checked for linearizability afterwards. Each write's value is unique, so the
 * log can be searched for each acknowledged one, and for any applied twice. A client whose
 * replica does not answer turns to the other one.
 */
final class CasWorkload implements AutoCloseable {

  static final String NAMESPACE = "faults";
  static final int KEYS = 12;
  private static final long TIMEOUT_SECONDS = 10;

  final HistoryRecorder history = new HistoryRecorder();
  /** When each acknowledged write was answered (nanoTime): the gaps in it are the outages. */
  final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
  private final AtomicReferenceArray<Api> replicas;
  private final List<Thread> clients = new ArrayList<>();
  private volatile boolean stopping;

  CasWorkload(List<Api> replicas) {
    this.replicas = new AtomicReferenceArray<>(replicas.toArray(new Api[0]));
  }

  /** Points replica {@code i}'s clients at a new API (a replica started again on another port). */
  void replace(int i, Api api) {
    replicas.set(i, api);
  }

  CasWorkload start(int count) {
    for (int c = 0; c < count; c++) {
      int client = c;
      Thread t = new Thread(() -> run(client), "cas-client-" + c);
      t.setDaemon(true);
      t.start();
      clients.add(t);
    }
    return this;
  }

  private void run(int client) {
    Random random = new Random(client);
    String name = "c" + client;
    int replica = client % replicas.length();
    int seq = 0;
    while (!stopping) {
      String key = "k" + random.nextInt(KEYS);
      int dice = random.nextInt(10);
      boolean answered;
      if (dice < 2) {
        answered = get(name, key, replica) != null;
      } else if (dice < 3) {
        answered = send(name, key, replica, Input.create(name + "-" + seq++)) != null;
      } else {
        JsonNode seen = get(name, key, replica);
        answered = seen != null;
        if (seen != null && seen.has("metadata")) {
          String rv = seen.at("/metadata/resourceVersion").asText();
          Input input = dice < 4 ? Input.deleteIf(rv) : Input.updateIf(name + "-" + seq++, rv);
          answered = send(name, key, replica, input) != null;
        }
      }
      if (!answered) {
        replica = (replica + 1) % replicas.length();
      }
    }
  }

  /** A GET, recorded; the object, or an empty node for a 404; null when no answer came. */
  private JsonNode get(String client, String key, int replica) {
    HistoryRecorder.Pending p = history.start(client, key, Input.get());
    Response r = call(replicas.get(replica), "GET", path(key), null);
    if (r == null) {
      p.unknown();
      return null;
    }
    if (r.code() == 200) {
      JsonNode o = r.json();
      p.http(200, o.at("/data/v").asText(), o.at("/metadata/resourceVersion").asText());
      return o;
    }
    p.http(r.code(), null, null);
    return r.code() == 404 ? Api.JSON.createObjectNode() : null;
  }

  /** A write, recorded; its answer, or null when none came. */
  private Response send(String client, String key, int replica, Input input) {
    HistoryRecorder.Pending p = history.start(client, key, input);
    Response r;
    if (input instanceof Input.Create c) {
      r = call(replicas.get(replica), "POST", "/api/v1/namespaces/" + NAMESPACE + "/configmaps", configMap(key, c.value(), null));
    } else if (input instanceof Input.Update u) {
      r = call(replicas.get(replica), "PUT", path(key), configMap(key, u.value(), u.expectedRv()));
    } else {
      ObjectNode options = Api.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "DeleteOptions");
      options.putObject("preconditions").put("resourceVersion", ((Input.Delete) input).expectedRv());
      r = call(replicas.get(replica), "DELETE", path(key), options);
    }
    if (r == null) {
      p.unknown();
      return null;
    }
    p.http(r.code(), null, r.code() < 300 && !(input instanceof Input.Delete) ? r.resourceVersion() : null);
    if (r.code() < 300) {
      acknowledged.add(System.nanoTime());
    }
    return r;
  }

  private static Response call(Api api, String method, String path, JsonNode body) {
    try {
      return api.sendAsync(method, path, body).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null; // refused, reset or too slow: it may have been applied or not
    }
  }

  private static String path(String key) {
    return "/api/v1/namespaces/" + NAMESPACE + "/configmaps/" + key;
  }

  private static JsonNode configMap(String key, String value, String rv) {
    ObjectNode o = Api.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode meta = o.putObject("metadata").put("name", key).put("namespace", NAMESPACE);
    if (rv != null) {
      meta.put("resourceVersion", rv);
    }
    o.putObject("data").put("v", value);
    return o;
  }

  /** The longest time without an acknowledged write between {@code from} and {@code to} (nanoTime). */
  long longestGapMillis(long from, long to) {
    List<Long> times = new ArrayList<>(acknowledged);
    times.sort(null);
    long last = from;
    long gap = 0;
    for (long t : times) {
      if (t >= from && t <= to) {
        gap = Math.max(gap, t - last);
        last = t;
      }
    }
    return TimeUnit.NANOSECONDS.toMillis(Math.max(gap, to - last));
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    for (Thread t : clients) {
      t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS * 3));
    }
  }
}
