package io.logplane.launcher.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic history for benchmarks: namespaces, then creates, updates (with the object's
 * resourceVersion as precondition, some of pods' status) and deletes (later re-created) of
 * ConfigMaps, Pods and Deployments of about 1 KiB, spread over a fixed set of names. Every
 * record is accepted by apply(); it tracks the offsets the records will get, starting at the
 * offset of the first one it makes.
 */
public final class SyntheticHistory {

  private static final String[][] KINDS = {
    {"core", "configmaps", "v1", "ConfigMap"}, {"core", "pods", "v1", "Pod"}, {"apps", "deployments", "apps/v1", "Deployment"}};

  private final SplittableRandom random;
  private final int namespaces;
  private final long[] version; // resourceVersion of each slot's object, 0 when it does not exist
  private final int[] counter;
  private final String[] uid;
  private long offset;
  private long time;

  /**
   * @param firstOffset the offset the first record made will get
   * @param startMillis the request time of the first record; each next one is 1 ms later
   */
  public SyntheticHistory(long seed, int objects, int namespaces, long firstOffset, long startMillis) {
    this.random = new SplittableRandom(seed);
    this.namespaces = namespaces;
    this.version = new long[objects];
    this.counter = new int[objects];
    this.uid = new String[objects];
    this.offset = firstOffset;
    this.time = startMillis;
  }

  /** The namespaces the objects live in: create these first. */
  public List<Command> namespaces() {
    List<Command> out = new ArrayList<>();
    for (int i = 0; i < namespaces; i++) {
      String ns = "bench-" + i;
      ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
      Metadata.of(o).put("name", ns).put("uid", uuid()).put("creationTimestamp", Metadata.time(time));
      o.putObject("spec").putArray("finalizers").add("kubernetes");
      o.putObject("status").put("phase", "Active");
      out.add(new Command.Create(meta("create"), Key.namespaceKey(ns), o));
      offset++;
    }
    return out;
  }

  /** The key of object slot i. */
  public String key(int i) {
    String[] k = KINDS[i % KINDS.length];
    return k[0] + "/" + k[1] + "/bench-" + (i % namespaces) + "/obj-" + i;
  }

  /** The next record. */
  public Command next() {
    int i = random.nextInt(version.length);
    Command r;
    if (version[i] == 0) {
      uid[i] = uuid();
      r = new Command.Create(meta("create"), key(i), object(i));
    } else if (random.nextInt(100) < 3) {
      r = new Command.Delete(meta("delete"), key(i), version[i], uid[i], null);
    } else {
      counter[i]++;
      boolean status = i % KINDS.length == 1 && random.nextInt(100) < 40;
      r = new Command.Update(meta(status ? "patch" : "update"), key(i), version[i], status ? "status" : "",
          object(i));
    }
    version[i] = r instanceof Command.Delete ? 0 : offset;
    offset++;
    return r;
  }

  private Command.Meta meta(String verb) {
    return new Command.Meta("bench", uuid(), time++, verb);
  }

  private String uuid() {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  private ObjectNode object(int i) {
    String[] k = KINDS[i % KINDS.length];
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", k[2]).put("kind", k[3]);
    ObjectNode m = Metadata.of(o).put("name", "obj-" + i).put("namespace", "bench-" + (i % namespaces))
        .put("uid", uid[i]).put("creationTimestamp", Metadata.time(time));
    m.putObject("labels").put("app", "app-" + (i % 97)).put("tier", i % 2 == 0 ? "web" : "worker")
        .put("revision", Integer.toString(counter[i]));
    m.putObject("annotations").put("bench.logplane.io/counter", Integer.toString(counter[i]))
        .put("bench.logplane.io/note", "synthetic object for the history benchmark");
    switch (k[1]) {
      case "configmaps" -> {
        ObjectNode d = o.putObject("data");
        for (int j = 0; j < 8; j++) {
          d.put("key-" + j, "value-" + j + "-" + counter[i] + "-" + "x".repeat(60));
        }
      }
      case "pods" -> {
        o.set("spec", podSpec(i));
        o.putObject("status").put("phase", counter[i] % 3 == 0 ? "Pending" : "Running")
            .put("podIP", "10.1." + (i / 250 % 250) + "." + (i % 250)).put("restarts", counter[i]);
      }
      default -> {
        ObjectNode spec = o.putObject("spec").put("replicas", 1 + counter[i] % 5);
        spec.putObject("selector").putObject("matchLabels").put("app", "app-" + (i % 97));
        ObjectNode tpl = spec.putObject("template");
        tpl.putObject("metadata").putObject("labels").put("app", "app-" + (i % 97));
        tpl.set("spec", podSpec(i));
      }
    }
    return o;
  }

  private ObjectNode podSpec(int i) {
    ObjectNode spec = Json.MAPPER.createObjectNode();
    ArrayNode containers = spec.putArray("containers");
    ObjectNode c = containers.addObject().put("name", "main").put("image", "registry.example/app:" + counter[i]);
    c.putArray("args").add("--port=8080").add("--verbose");
    c.putArray("ports").addObject().put("containerPort", 8080).put("protocol", "TCP");
    ArrayNode env = c.putArray("env");
    for (int j = 0; j < 4; j++) {
      env.addObject().put("name", "ENV_" + j).put("value", "value-" + j);
    }
    c.putObject("resources").putObject("requests").put("cpu", "100m").put("memory", "128Mi");
    spec.put("restartPolicy", "Always").put("terminationGracePeriodSeconds", 30).put("dnsPolicy", "ClusterFirst");
    return spec;
  }
}
