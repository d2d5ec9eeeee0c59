package io.logplane.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.ingress.IngressClasses;
import io.logplane.api.flowcontrol.Bootstrap;
import io.logplane.api.rbac.BootstrapPolicy;
import io.logplane.api.validation.scheduling.PriorityClassValidator;
import io.logplane.events.EventLog;
import io.logplane.events.Command;
import io.logplane.projections.ClusterNetwork;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Projection;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first records of a new cluster's log: a Genesis marker with the cluster's address ranges
 * ({@link ClusterNetwork}), the namespaces every
 * Kubernetes cluster has, and the default StorageClass {@code local-path} (as kind and k3s
 * ship one): claims of it are provisioned on the node their pod is scheduled to; and the default
 * IngressClass {@code logplane}, served by the built-in Ingress controller. Written only to an empty log; a concurrent second writer's creates
 * are rejected by apply() as already existing, so racing servers are harmless. At every start,
 * as kube-apiserver's bootstrap does, the system PriorityClasses are made if missing and the
 * bootstrap RBAC policy reconciled ({@link BootstrapPolicy}).
 */
final class Genesis {

  static final List<String> NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

  /** The default StorageClass's name, as k3s names its own. */
  static final String LOCAL_PATH = "local-path";
  /**
   * The provisioner of its claims: Logplane's own, named as its own rather than as rancher's
   * local-path-provisioner (whose ConfigMap and helper pods it does not have).
   */
  static final String PROVISIONER = "logplane.io/local-path";

  private Genesis() {}

  /** The class as the API would store it: defaults filled, marked as the cluster's default. */
  private static ObjectNode localPath(long now) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "storage.k8s.io/v1").put("kind", "StorageClass");
    ObjectNode m = Metadata.of(o);
    m.put("name", LOCAL_PATH).put("uid", UUID.randomUUID().toString()).put("creationTimestamp", Metadata.time(now));
    m.putObject("annotations").put("storageclass.kubernetes.io/is-default-class", "true");
    return o.put("provisioner", PROVISIONER).put("reclaimPolicy", "Delete")
        .put("volumeBindingMode", "WaitForFirstConsumer");
  }

  /** @param network the address ranges a new cluster is made with (recorded by its Genesis record) */
  static void ensure(EventLog log, Projection projection, ClusterNetwork network) throws Exception {
    long end = log.endOffset().get(30, TimeUnit.SECONDS);
    if (end > 0) {
      projection.awaitApplied(end - 1).get(120, TimeUnit.SECONDS);
    } else {
      first(log, projection, network);
    }
    priorityClasses(log, projection);
    rbac(log, projection);
    flowControl(log, projection);
  }

  /**
   * The bootstrap RBAC policy, as kube-apiserver's {@code rbac/bootstrap-roles} hook reconciles it
   * at every start: missing objects made, those marked for autoupdate given what they lack.
   */
  private static void rbac(EventLog log, Projection projection) throws Exception {
    ensure(log, projection, BootstrapPolicy.objects(), BootstrapPolicy::key, BootstrapPolicy::reconciled);
  }

  /**
   * API Priority and Fairness's configuration, as kube-apiserver's APF configuration controller
   * keeps it: kube 1.28's mandatory and suggested FlowSchemas and PriorityLevelConfigurations made
   * when missing, and given kube's spec again when it changed while marked
   * {@code apf.kubernetes.io/autoupdate-spec: "true"} (an administrator unmarks one to keep theirs).
   */
  private static void flowControl(EventLog log, Projection projection) throws Exception {
    List<ObjectNode> objects = new ArrayList<>();
    objects.addAll(Bootstrap.mandatoryPriorityLevelConfigurations());
    objects.addAll(Bootstrap.suggestedPriorityLevelConfigurations());
    objects.addAll(Bootstrap.mandatoryFlowSchemas());
    objects.addAll(Bootstrap.suggestedFlowSchemas());
    ensure(log, projection, objects, o -> "flowcontrol.apiserver.k8s.io/" + (o.path("kind").asText()
        .equals("FlowSchema") ? "flowschemas" : "prioritylevelconfigurations") + "//" + Metadata.text(o, "name"),
        (current, wanted) -> {
          boolean auto = "true".equals(current.at("/metadata/annotations/"
              + Bootstrap.AUTO_UPDATE_ANNOTATION.replace("/", "~1")).asText());
          if (!auto || current.path("spec").equals(wanted.path("spec"))) {
            return null;
          }
          ObjectNode next = current.deepCopy();
          next.set("spec", wanted.get("spec").deepCopy());
          return next;
        });
  }

  /**
   * Appends a create for each object missing from the state and an update for each the
   * reconciler changes (null: unchanged), then waits until they are applied.
   */
  private static void ensure(EventLog log, Projection projection, List<ObjectNode> objects,
      java.util.function.Function<ObjectNode, String> key,
      java.util.function.BinaryOperator<ObjectNode> reconciled) throws Exception {
    long now = System.currentTimeMillis();
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (ObjectNode o : objects) {
      String k = key.apply(o);
      byte[] stored = projection.store().get(k);
      Command.Meta meta = new Command.Meta("system:logplane", UUID.randomUUID().toString(), now);
      if (stored == null) {
        Metadata.of(o).put("uid", UUID.randomUUID().toString()).put("creationTimestamp", Metadata.time(now));
        all.add(log.append(new Command.Create(meta, k, o)));
      } else {
        ObjectNode current = Json.object(stored);
        ObjectNode next = reconciled.apply(current, o);
        if (next != null) {
          all.add(log.append(new Command.Update(meta, k, Metadata.resourceVersion(current), "", next)));
        }
      }
    }
    awaitApplied(projection, all);
  }

  private static void awaitApplied(Projection projection, List<CompletableFuture<Long>> all) throws Exception {
    long last = -1;
    for (CompletableFuture<Long> f : all) {
      last = Math.max(last, f.get(30, TimeUnit.SECONDS));
    }
    if (last >= 0) {
      projection.awaitApplied(last).get(60, TimeUnit.SECONDS);
    }
  }

  private static void priorityClasses(EventLog log, Projection projection) throws Exception {
    long now = System.currentTimeMillis();
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (var e : PriorityClassValidator.SYSTEM.entrySet()) {
      String key = "scheduling.k8s.io/priorityclasses//" + e.getKey();
      if (projection.store().get(key) != null) {
        continue;
      }
      ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "scheduling.k8s.io/v1")
          .put("kind", "PriorityClass");
      Metadata.of(o).put("name", e.getKey()).put("uid", UUID.randomUUID().toString())
          .put("creationTimestamp", Metadata.time(now)).put("generation", 1);
      o.put("value", e.getValue()).put("description", e.getKey().equals("system-node-critical")
          ? "Used for system critical pods that must not be moved from their current node."
          : "Used for system critical pods that must run in the cluster, but can be moved to another node if"
              + " necessary.").put("preemptionPolicy", "PreemptLowerPriority");
      all.add(log.append(new Command.Create(new Command.Meta("system:logplane", UUID.randomUUID().toString(), now),
          key, o)));
    }
    awaitApplied(projection, all);
  }

  private static void first(EventLog log, Projection projection, ClusterNetwork network) throws Exception {
    long now = System.currentTimeMillis();
    log.append(new Command.Genesis(new Command.Meta("system:logplane", UUID.randomUUID().toString(), now),
        UUID.randomUUID().toString(), network.serviceCidr().toString(), network.clusterCidr().toString(),
        network.nodeCidrMaskSize())).get(30, TimeUnit.SECONDS);
    List<CompletableFuture<Long>> all = new ArrayList<>();
    for (String ns : NAMESPACES) {
      ObjectNode o = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
      ObjectNode m = Metadata.of(o);
      m.put("name", ns).put("uid", UUID.randomUUID().toString()).put("creationTimestamp", Metadata.time(now));
      m.putObject("labels").put("kubernetes.io/metadata.name", ns);
      o.putObject("spec").putArray("finalizers").add("kubernetes");
      o.putObject("status").put("phase", "Active");
      all.add(log.append(new Command.Create(new Command.Meta("system:logplane", UUID.randomUUID().toString(), now),
          Key.namespaceKey(ns), o)));
    }
    all.add(log.append(new Command.Create(new Command.Meta("system:logplane", UUID.randomUUID().toString(), now),
        "storage.k8s.io/storageclasses//" + LOCAL_PATH, localPath(now))));
    ObjectNode ingressClass = IngressClasses.defaultClass();
    Metadata.of(ingressClass).put("uid", UUID.randomUUID().toString()).put("creationTimestamp", Metadata.time(now))
        .put("generation", 1);
    all.add(log.append(new Command.Create(new Command.Meta("system:logplane", UUID.randomUUID().toString(), now),
        IngressClasses.PREFIX + "/" + IngressClasses.NAME, ingressClass)));
    long last = 0;
    for (CompletableFuture<Long> f : all) {
      last = Math.max(last, f.get(30, TimeUnit.SECONDS));
    }
    projection.awaitApplied(last).get(60, TimeUnit.SECONDS);
  }
}
