package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import io.vertx.core.Future;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A node's registration and liveness through the API, as the kubelet does them: the Node is
 * created, or adopted when one of its name exists (after a restart), keeping the pod CIDR it
 * holds or setting the one the node was told to take; without either, registration waits
 * until the node IPAM controller assigned one (as a kubelet with kubenet or the bridge plugin
 * waits for {@code spec.podCIDR}), reading the Node again after each pause. Then, on every
 * {@link #tick}, the Lease is renewed and the status reported when {@link Heartbeat} says so.
 * A write that meets a newer version (409) reads the object again and is tried on the next
 * tick. Runs on the owner's context.
 */
public final class NodeAgent {

  /** Completes after a delay, on the owner's context; fails when the node is stopping. */
  @FunctionalInterface
  public interface Pause {
    Future<Void> after(long millis);
  }

  /** How long registration waits, at most, before reading the Node again for its pod CIDR. */
  static final long CIDR_POLL_MILLIS = 500;

  private final Requests api;
  private final NodeIdentity id;
  private final Supplier<NodeFacts> facts;
  private final Heartbeat heartbeat = new Heartbeat();
  private final String path;
  private final Pause pause;
  private JsonNode node;
  private JsonNode lease;
  private boolean leaseBusy;
  private boolean statusBusy;
  private long firstCidrPoll = CIDR_POLL_MILLIS;

  /** A node whose status holds the fixed facts of its identity (a hollow node). */
  public NodeAgent(Requests api, NodeIdentity id, Pause pause) {
    this(api, id, () -> NodeFacts.of(id), pause);
  }

  /**
   * A node whose status holds what {@code facts} answers at each tick; it is called on the
   * owner's context, so it must not block (a real node answers the facts it last read).
   */
  public NodeAgent(Requests api, NodeIdentity id, Supplier<NodeFacts> facts, Pause pause) {
    this.api = api;
    this.id = id;
    this.facts = facts;
    this.pause = pause;
    this.path = "/api/v1/nodes/" + id.name();
  }

  /**
   * Has registration read the Node again for its pod CIDR first after {@code millis}, then
   * after twice as long each time up to {@link #CIDR_POLL_MILLIS}: the node IPAM controller
   * assigns one within milliseconds of the Node's create, and a machine's one real node need
   * not wait half a second for it; a fleet of thousands of hollow nodes reads every 500 ms.
   */
  public NodeAgent firstCidrPollAfter(long millis) {
    this.firstCidrPoll = Math.max(1, Math.min(millis, CIDR_POLL_MILLIS)); // 0 would never grow
    return this;
  }

  /** Creates or adopts the Node; completes once it is there with a pod CIDR and labels. */
  public Future<Void> register(Instant now) {
    return createOrAdopt(now).compose(v -> awaitPodCidr(firstCidrPoll));
  }

  private Future<Void> awaitPodCidr(long wait) {
    if (NodeObject.podCidr(node) != null) {
      return Future.succeededFuture();
    }
    return pause.after(wait).compose(v -> api.call("GET", path, null)).compose(r -> {
      if (r.ok()) {
        node = read(r);
      }
      return awaitPodCidr(Math.min(2 * wait, CIDR_POLL_MILLIS));
    });
  }

  private Future<Void> createOrAdopt(Instant now) {
    return api.call("GET", path, null).compose(r -> {
      if (r.status() == 404) {
        return api.call("POST", "/api/v1/nodes", NodeObject.registration(id, facts.get(), now))
            .compose(c -> c.ok() ? adopted(c) : c.status() == 409 ? createOrAdopt(now) : refused(c));
      }
      return r.ok() ? adopt(read(r), now) : refused(r);
    });
  }

  private Future<Void> adopt(JsonNode held, Instant now) {
    ObjectNode wanted = held.deepCopy();
    ObjectNode labels = wanted.withObjectProperty("metadata").withObjectProperty("labels");
    id.labels().forEach(labels::put);
    if (NodeObject.podCidr(held) == null && id.podCidr() != null) {
      ObjectNode spec = wanted.withObjectProperty("spec").put("podCIDR", id.podCidr());
      spec.putArray("podCIDRs").add(id.podCidr());
    }
    if (wanted.equals(held)) {
      node = held;
      return Future.succeededFuture();
    }
    return api.call("PUT", path, wanted).compose(c -> c.ok() ? adopted(c)
        : c.status() == 409 ? createOrAdopt(now) : refused(c));
  }

  private Future<Void> adopted(KubeClient.Response r) {
    node = read(r);
    return Future.succeededFuture();
  }

  /** Renews the Lease and reports the status when they are due; no-op before registration. */
  public void tick(Instant now) {
    if (node == null) {
      return;
    }
    if (!leaseBusy && heartbeat.leaseDue(now)) {
      leaseBusy = true;
      renewLease(now).onComplete(ar -> leaseBusy = false);
    }
    ObjectNode status = NodeObject.status(facts.get(), node.path("status"), now);
    if (!statusBusy && heartbeat.statusDue(now, NodeObject.changed(node.path("status"), status))) {
      statusBusy = true;
      ObjectNode update = node.deepCopy();
      update.set("status", status);
      api.call("PUT", path + "/status", update).onComplete(ar -> {
        statusBusy = false;
        if (ar.succeeded() && ar.result().ok()) {
          node = read(ar.result());
          heartbeat.statusReported(now);
        } else if (ar.succeeded() && ar.result().status() == 409) {
          reread();
        }
      });
    }
  }

  private Future<Void> renewLease(Instant now) {
    if (lease == null) {
      return api.call("GET", LeaseObject.path(id.name()), null).compose(r -> {
        if (r.ok()) {
          lease = read(r);
          return renewLease(now);
        }
        ObjectNode fresh = LeaseObject.renewed(null, id.name(), uid(), now);
        return api.call("POST", LeaseObject.path(null), fresh).map(c -> renewed(c, now));
      });
    }
    ObjectNode renewed = LeaseObject.renewed(lease, id.name(), uid(), now);
    return api.call("PUT", LeaseObject.path(id.name()), renewed).map(r -> {
      if (r.status() == 409 || r.status() == 404) {
        lease = null; // read again (or create) on the next tick
      }
      return renewed(r, now);
    });
  }

  private Void renewed(KubeClient.Response r, Instant now) {
    if (r.ok()) {
      lease = read(r);
      heartbeat.leaseRenewed(now);
    }
    return null;
  }

  private void reread() {
    api.call("GET", path, null).onSuccess(r -> {
      if (r.ok()) {
        node = read(r);
      }
    });
  }

  public String name() {
    return id.name();
  }

  public String uid() {
    return node == null ? null : node.path("metadata").path("uid").asText(null);
  }

  /** The pod CIDR the Node holds; null before registration completed. */
  public String podCidr() {
    return node == null ? null : NodeObject.podCidr(node);
  }

  public String internalIp() {
    return id.internalIp();
  }

  private static Future<Void> refused(KubeClient.Response r) {
    return Future.failedFuture("the API server refused: " + r.status() + " " + r.body());
  }

  /** The JSON body of an answer. */
  public static JsonNode read(KubeClient.Response r) {
    try {
      return NodeObject.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("the API server sent JSON it cannot have meant: "
          + e.getMessage(), e);
    }
  }

}
