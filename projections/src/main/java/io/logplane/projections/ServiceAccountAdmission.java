package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.random.RandomGenerator;

/**
 * kube-apiserver 1.28's ServiceAccount admission of a pod create: the pod runs as the account
 * {@code default} unless it names one, and unless it (or, when it does not say, its account)
 * turns {@code automountServiceAccountToken} off, every container gets the account's credentials
 * at {@value #MOUNT_PATH} from a projected volume {@code kube-api-access-<5 random>}: a token the
 * node requests for the pod, the cluster's CA ({@code kube-root-ca.crt}) and the namespace. A
 * container that mounts something at that path already keeps it. Every pod gets it on create,
 * those the API takes and those the workload controllers write without passing its admission.
 * Pure but for the random name, drawn from the generator given. Unlike kube's, a pod whose
 * account does not exist yet is not refused: the node waits for the account to get its token.
 */
public final class ServiceAccountAdmission {

  public static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  public static final String VOLUME_PREFIX = "kube-api-access-";
  public static final String DEFAULT_ACCOUNT = "default";
  public static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
  /** kube's token lifetime for the volume: 3607 s, a value that marks it as the admission's. */
  public static final int EXPIRATION_SECONDS = 3607;
  /** kube's {@code SimpleNameGenerator} alphabet: no vowels, no look-alikes. */
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private ServiceAccountAdmission() {}

  /**
   * The account a pod spec runs as ({@code serviceAccountName}, else the deprecated
   * {@code serviceAccount}, else {@code default}), both fields set to it as v1 serves them.
   */
  public static String defaultAccount(ObjectNode spec) {
    String name = spec.path("serviceAccountName").asText("");
    if (name.isEmpty()) {
      name = spec.path("serviceAccount").asText("");
    }
    if (name.isEmpty()) {
      name = DEFAULT_ACCOUNT;
    }
    spec.put("serviceAccountName", name);
    spec.put("serviceAccount", name);
    return name;
  }

  /**
   * Admits a pod's spec: its account defaulted and, when automount holds, the token volume and
   * its mounts added.
   *
   * @param account the pod's ServiceAccount as stored, or null when it does not exist (yet)
   */
  public static void admit(ObjectNode spec, JsonNode account, RandomGenerator random) {
    defaultAccount(spec);
    if (automount(spec, account)) {
      mount(spec, random);
    }
  }

  /** The pod's {@code automountServiceAccountToken} wins, then its account's; true when neither says. */
  static boolean automount(JsonNode spec, JsonNode account) {
    JsonNode pod = spec.get("automountServiceAccountToken");
    if (pod != null && pod.isBoolean()) {
      return pod.asBoolean();
    }
    JsonNode sa = account == null ? null : account.get("automountServiceAccountToken");
    return sa == null || !sa.isBoolean() || sa.asBoolean();
  }

  /** kube's {@code mountServiceAccountToken}: a mount in every container without one there, the volume when any got it. */
  static void mount(ObjectNode spec, RandomGenerator random) {
    String volumeName = null;
    for (JsonNode v : spec.path("volumes")) {
      if (v.path("name").asText("").startsWith(VOLUME_PREFIX)) {
        volumeName = v.path("name").asText();
        break;
      }
    }
    boolean hasVolume = volumeName != null;
    if (!hasVolume) {
      volumeName = VOLUME_PREFIX + suffix(random);
    }
    boolean needed = false;
    for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container && !mountsThere(container)) {
          container.withArray("volumeMounts").addObject().put("name", volumeName).put("readOnly", true)
              .put("mountPath", MOUNT_PATH);
          needed = true;
        }
      }
    }
    if (!hasVolume && needed) {
      spec.withArray("volumes").add(volume(spec, volumeName));
    }
  }

  private static boolean mountsThere(JsonNode container) {
    for (JsonNode m : container.path("volumeMounts")) {
      if (m.path("mountPath").asText("").equals(MOUNT_PATH)) {
        return true;
      }
    }
    return false;
  }

  /** kube's {@code TokenVolumeSource()}, in the order kube-apiserver serves its fields. */
  private static ObjectNode volume(ObjectNode spec, String name) {
    ObjectNode v = spec.objectNode().put("name", name);
    ObjectNode projected = v.putObject("projected");
    ArrayNode sources = projected.putArray("sources");
    sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", EXPIRATION_SECONDS)
        .put("path", "token");
    ObjectNode ca = sources.addObject().putObject("configMap").put("name", ROOT_CA_CONFIG_MAP);
    ca.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
    sources.addObject().putObject("downwardAPI").putArray("items").addObject().put("path", "namespace")
        .putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
    projected.put("defaultMode", 420);
    return v;
  }

  private static String suffix(RandomGenerator random) {
    StringBuilder s = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
