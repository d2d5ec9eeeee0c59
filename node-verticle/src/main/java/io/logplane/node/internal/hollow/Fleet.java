package io.logplane.node.internal.hollow;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.ListWatch;
import io.logplane.node.internal.agent.Api;
import io.logplane.node.internal.agent.NodeAgent;
import io.logplane.node.internal.agent.NodeIdentity;
import io.logplane.node.internal.agent.PodWorkers;
import io.logplane.node.internal.agent.Requests;
import io.logplane.node.internal.agent.TimerPause;
import io.logplane.node.internal.storage.LocalDisk;
import io.logplane.node.internal.storage.LocalProvisioner;
import io.logplane.node.internal.storage.ProvisionerWatch;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hollow nodes of one process: each registers (again every 5 s while the server refuses)
 * and waits for the pod CIDR the node IPAM controller assigns,
 * one timer drives every node's heartbeat and pod timelines, and one pod watch over all bound
 * pods ({@code spec.nodeName!=}) hands each pod to the node it names; one provisioner over one
 * watch of claims and one of volumes provisions the claims scheduled to any of them (no
 * directories: hollow volumes are names); every 15 s the nodes report
 * their metrics ({@link MetricsReporter}). Everything runs on the
 * verticle's context; the watch's callbacks hop onto it.
 */
public final class Fleet {
  private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);
  private static final String BOUND_PODS = "fieldSelector=spec.nodeName%21%3D";
  private static final long TICK_MILLIS = 1000;
  private static final long REGISTER_RETRY_MILLIS = 5000;

  private record Member(NodeAgent agent, PodWorkers pods) {}

  private final Context context;
  private final Api api;
  private final KubeClient client;
  private final Clock clock;
  private final Map<String, Member> nodes = new LinkedHashMap<>();
  private final Set<Long> timers = new java.util.HashSet<>();
  private final MetricsReporter metrics;
  private final TimerPause pause;
  private ListWatch watch;
  private ProvisionerWatch provisioner;
  private boolean closed;

  public Fleet(Context context, Api api, KubeClient client, List<NodeIdentity> ids, Clock clock) {
    this.context = context;
    this.api = api;
    this.client = client;
    this.clock = clock;
    this.metrics = new MetricsReporter(api);
    Simulation simulation = new Simulation();
    this.pause = new TimerPause(context, timers, () -> closed);
    for (NodeIdentity id : ids) {
      // each node acts as itself, held to what a node may do; the shared pod watch, the
      // metrics reports and the volume provisioner act as the fleet's user
      Requests asNode = api.asNode(id.name());
      NodeAgent agent = new NodeAgent(asNode, id, pause);
      nodes.put(id.name(), new Member(agent, new PodWorkers(asNode, agent, simulation)));
    }
  }

  /** Registers every node, then watches their pods; completes when all are registered. */
  public Future<Void> start() {
    timers.add(context.owner().setPeriodic(TICK_MILLIS, t -> tick()));
    List<Future<Void>> all = new ArrayList<>();
    nodes.values().forEach(m -> all.add(register(m.agent())));
    return Future.all(all).<Void>mapEmpty().onSuccess(v -> {
      if (!closed) {
        LOG.info("{} hollow nodes registered", nodes.size());
        watch = ListWatch.start(client, "/api/v1/pods", BOUND_PODS, new Listener());
        provisioner = new ProvisionerWatch(client, context, new LocalProvisioner(api, nodes::containsKey,
            LocalDisk.hollow(), clock));
      }
    });
  }

  private Future<Void> register(NodeAgent agent) {
    return agent.register(clock.instant()).recover(e -> {
      if (closed) {
        return Future.failedFuture(e);
      }
      LOG.warn("node {} not registered, again in {} ms: {}", agent.name(), REGISTER_RETRY_MILLIS,
          e.getMessage());
      return pause.after(REGISTER_RETRY_MILLIS).compose(v -> register(agent));
    });
  }

  private void tick() {
    Instant now = clock.instant();
    for (Member m : nodes.values()) {
      m.agent().tick(now);
      m.pods().tick(now);
    }
    if (metrics.due(now)) {
      for (Member m : nodes.values()) {
        if (m.agent().uid() != null) {
          metrics.report(m.agent().name(), m.pods().running(), now);
        }
      }
      metrics.done(now);
    }
  }

  /** The shared pod watch, its calls moved onto the verticle's context. */
  private final class Listener implements ListWatch.Listener {
    @Override
    public void listed(List<JsonNode> items) {
      context.runOnContext(v -> {
        if (closed) {
          return;
        }
        Map<String, List<JsonNode>> byNode = new HashMap<>();
        for (JsonNode pod : items) {
          byNode.computeIfAbsent(nodeName(pod), k -> new ArrayList<>()).add(pod);
        }
        Instant now = clock.instant();
        nodes.forEach((name, m) -> m.pods().listed(byNode.getOrDefault(name, List.of()), now));
      });
    }

    @Override
    public void changed(String type, JsonNode pod) {
      context.runOnContext(v -> {
        Member m = nodes.get(nodeName(pod));
        if (m == null || closed) {
          return;
        }
        if ("DELETED".equals(type)) {
          m.pods().gone(pod);
        } else {
          m.pods().update(pod, clock.instant());
        }
      });
    }
  }

  private static String nodeName(JsonNode pod) {
    return pod.path("spec").path("nodeName").asText("");
  }

  /** Stops: the watch closed, the timers cancelled, pending requests dropped. */
  public void close() {
    closed = true;
    timers.forEach(context.owner()::cancelTimer);
    timers.clear();
    if (watch != null) {
      watch.close();
    }
    if (provisioner != null) {
      provisioner.close();
    }
    api.close();
  }
}
