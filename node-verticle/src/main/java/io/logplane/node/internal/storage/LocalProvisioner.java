package io.logplane.node.internal.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.node.internal.agent.EventRecorder;
import io.logplane.node.internal.agent.Requests;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local-path provisioner for the nodes of one process, as rancher's local-path-provisioner
 * works: a claim the binder handed to {@value #NAME} ({@code volume.kubernetes.io/storage-provisioner})
 * whose selected node is one of ours gets a directory on that node and a PersistentVolume
 * {@code pvc-<claim uid>} of the claim's size and access modes, its class's reclaim policy, a
 * hostPath source, node affinity to that node, and a claimRef to the claim (the binder then
 * completes the binding); the Events {@code Provisioning} and {@code ProvisioningSucceeded} on
 * the claim. A volume it made that is Released with reclaim policy Delete loses its directory,
 * then is deleted. Runs on its owner's context; fed by {@link ProvisionerWatch}; a failed step is
 * taken again at the claim's or volume's next event or list.
 */
public final class LocalProvisioner {

  /** The provisioner of the {@code local-path} StorageClass. */
  public static final String NAME = "logplane.io/local-path";
  static final String STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
  static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
  static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
  static final String HOSTNAME = "kubernetes.io/hostname";

  private static final Logger LOG = LoggerFactory.getLogger(LocalProvisioner.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Requests api;
  private final Predicate<String> ours;
  private final LocalDisk disk;
  private final Clock clock;
  /** Claim uids and volume names with a step under way. */
  private final Set<String> busy = new HashSet<>();
  /** Claims provisioned, until the binder names their volume. */
  private final Set<String> provisioned = new HashSet<>();

  public LocalProvisioner(Requests api, Predicate<String> ours, LocalDisk disk, Clock clock) {
    this.api = api;
    this.ours = ours;
    this.disk = disk;
    this.clock = clock;
  }

  /** The node a claim is to be provisioned on by us, or null when it is not ours to provision (now). */
  String nodeFor(JsonNode claim) {
    JsonNode meta = claim.path("metadata");
    JsonNode annotations = meta.path("annotations");
    String node = annotations.path(SELECTED_NODE).asText("");
    if (!NAME.equals(annotations.path(STORAGE_PROVISIONER).asText()) || node.isEmpty() || !ours.test(node)
        || !claim.path("spec").path("volumeName").asText("").isEmpty() || meta.has("deletionTimestamp")) {
      return null;
    }
    return node;
  }

  /** A claim as listed or changed. */
  public void claim(JsonNode claim) {
    String node = nodeFor(claim);
    String uid = claim.path("metadata").path("uid").asText();
    if (node == null) {
      provisioned.remove(uid);
      return;
    }
    if (provisioned.contains(uid) || !busy.add(uid)) {
      return;
    }
    String ns = claim.path("metadata").path("namespace").asText();
    String name = claim.path("metadata").path("name").asText();
    String cls = claim.path("spec").path("storageClassName").asText("");
    Path dir = disk.root(node).resolve(volumeName(claim) + "_" + ns + "_" + name);
    EventRecorder events = new EventRecorder(api, node, NAME + "_" + node);
    events.about("PersistentVolumeClaim", claim, "Provisioning", "External provisioner is provisioning volume for"
        + " claim \"" + ns + "/" + name + "\"", clock.instant());
    api.call("GET", "/apis/storage.k8s.io/v1/storageclasses/" + cls, null)
        .compose(r -> r.ok() ? Future.succeededFuture(read(r)) : Future.failedFuture("storageclass " + cls + ": "
            + r.status()))
        .compose(sc -> disk.make(dir).map(v -> sc))
        .compose(sc -> api.call("POST", "/api/v1/persistentvolumes", volume(claim, node, dir, sc)))
        .onComplete(ar -> {
          busy.remove(uid);
          if (ar.succeeded() && (ar.result().ok() || ar.result().status() == 409)) {
            provisioned.add(uid);
            events.about("PersistentVolumeClaim", claim, "ProvisioningSucceeded", "Successfully provisioned volume "
                + volumeName(claim), clock.instant());
          } else {
            LOG.warn("claim {}/{} not provisioned: {}", ns, name, ar.succeeded()
                ? ar.result().status() + " " + ar.result().body() : ar.cause().toString());
          }
        });
  }

  /** Whether a volume is one of ours, released, to be deleted. */
  boolean toDelete(JsonNode pv) {
    JsonNode spec = pv.path("spec");
    return NAME.equals(pv.path("metadata").path("annotations").path(PROVISIONED_BY).asText())
        && "Released".equals(pv.path("status").path("phase").asText())
        && "Delete".equals(spec.path("persistentVolumeReclaimPolicy").asText())
        && ours.test(node(pv));
  }

  /** A volume as listed or changed. */
  public void volume(JsonNode pv) {
    String name = pv.path("metadata").path("name").asText();
    if (!toDelete(pv) || !busy.add(name)) {
      return;
    }
    Path dir = Path.of(pv.path("spec").path("hostPath").path("path").asText());
    disk.remove(dir)
        .compose(v -> api.call("DELETE", "/api/v1/persistentvolumes/" + name, null))
        .onComplete(ar -> {
          busy.remove(name);
          if (ar.failed() || (!ar.result().ok() && ar.result().status() != 404)) {
            LOG.warn("volume {} not deleted: {}", name, ar.failed() ? ar.cause().toString()
                : ar.result().status() + " " + ar.result().body());
          }
        });
  }

  /** The volume made for a claim, as local-path-provisioner makes it (a hostPath one). */
  static ObjectNode volume(JsonNode claim, String node, Path dir, JsonNode storageClass) {
    JsonNode meta = claim.path("metadata");
    ObjectNode pv = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "PersistentVolume");
    pv.putObject("metadata").put("name", volumeName(claim)).putObject("annotations").put(PROVISIONED_BY, NAME);
    ObjectNode spec = pv.putObject("spec");
    spec.putObject("capacity").set("storage", claim.path("spec").path("resources").path("requests").path("storage"));
    spec.set("accessModes", claim.path("spec").path("accessModes"));
    spec.put("persistentVolumeReclaimPolicy", storageClass.path("reclaimPolicy").asText("Delete"));
    spec.put("storageClassName", storageClass.path("metadata").path("name").asText());
    spec.put("volumeMode", claim.path("spec").path("volumeMode").asText("Filesystem"));
    spec.putObject("claimRef").put("apiVersion", "v1").put("kind", "PersistentVolumeClaim")
        .put("namespace", meta.path("namespace").asText()).put("name", meta.path("name").asText())
        .put("uid", meta.path("uid").asText()).put("resourceVersion", meta.path("resourceVersion").asText());
    spec.putObject("hostPath").put("path", dir.toString()).put("type", "DirectoryOrCreate");
    spec.putObject("nodeAffinity").putObject("required").putArray("nodeSelectorTerms").addObject()
        .putArray("matchExpressions").addObject().put("key", HOSTNAME).put("operator", "In")
        .putArray("values").add(node);
    return pv;
  }

  static String volumeName(JsonNode claim) {
    return "pvc-" + claim.path("metadata").path("uid").asText();
  }

  /** The node a volume's node affinity names, or "". */
  static String node(JsonNode pv) {
    for (JsonNode term : pv.path("spec").path("nodeAffinity").path("required").path("nodeSelectorTerms")) {
      for (JsonNode e : term.path("matchExpressions")) {
        if (HOSTNAME.equals(e.path("key").asText()) && e.path("values").size() == 1) {
          return e.path("values").get(0).asText();
        }
      }
    }
    return "";
  }

  private static JsonNode read(KubeClient.Response r) {
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the server answered no StorageClass", e);
    }
  }
}
