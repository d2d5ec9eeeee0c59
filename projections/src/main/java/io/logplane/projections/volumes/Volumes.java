package io.logplane.projections.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.DefaultStorageClass;
import io.logplane.projections.Metadata;

/**
 * The fields and annotations of claims and volumes the binder reads and writes, named as kube's
 * {@code storage/helpers} names them.
 */
public final class Volumes {

  public static final String CLAIMS = "core/persistentvolumeclaims/";
  public static final String VOLUMES = "core/persistentvolumes/";
  public static final String CLASSES = "storage.k8s.io/storageclasses/";

  public static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
  public static final String BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
  public static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
  public static final String STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
  public static final String BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
  public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
  public static final String DEFAULT_CLASS = DefaultStorageClass.ANNOTATION;
  public static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

  private Volumes() {}

  public static String annotation(JsonNode o, String name) {
    JsonNode v = o.path("metadata").path("annotations").get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  public static void annotate(ObjectNode o, String name, String value) {
    ObjectNode meta = Metadata.of(o);
    ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
    annotations.put(name, value);
  }

  /** The claim's class, as GetPersistentVolumeClaimClass: "" when none is named. */
  public static String claimClass(JsonNode claim) {
    return claim.path("spec").path("storageClassName").asText("");
  }

  /** The volume's class, as GetPersistentVolumeClass. */
  public static String volumeClass(JsonNode volume) {
    return volume.path("spec").path("storageClassName").asText("");
  }

  public static String phase(JsonNode o) {
    return o.path("status").path("phase").asText("");
  }

  /** The volume's claimRef, or null when it has none. */
  public static JsonNode claimRef(JsonNode volume) {
    JsonNode ref = volume.path("spec").get("claimRef");
    return ref == null || ref.isNull() ? null : ref;
  }

  /** The key of the claim a volume's claimRef names, or null. */
  public static String claimKey(JsonNode volume) {
    JsonNode ref = claimRef(volume);
    return ref == null ? null : CLAIMS + ref.path("namespace").asText() + "/" + ref.path("name").asText();
  }

  /**
   * As IsVolumeBoundToClaim: the volume's claimRef names the claim, and carries its uid or none
   * (a volume pre-bound by name).
   */
  public static boolean boundToClaim(JsonNode volume, JsonNode claim) {
    JsonNode ref = claimRef(volume);
    if (ref == null || !ref.path("name").asText().equals(Metadata.text(claim, "name"))
        || !ref.path("namespace").asText().equals(Metadata.text(claim, "namespace"))) {
      return false;
    }
    String uid = ref.path("uid").asText("");
    return uid.isEmpty() || uid.equals(Metadata.uid(claim));
  }

  public static String volumeMode(JsonNode o) {
    return o.path("spec").path("volumeMode").asText("Filesystem");
  }
}
