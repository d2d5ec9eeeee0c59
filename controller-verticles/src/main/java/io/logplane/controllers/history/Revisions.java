package io.logplane.controllers.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What a ControllerRevision holds and how it is named, as kube's history package and the set
 * controllers' {@code getPatch} make them. Pure.
 */
public final class Revisions {

  /** The label holding a StatefulSet revision's hash. */
  public static final String HASH_LABEL = "controller.kubernetes.io/hash";
  /** The label a DaemonSet's revisions and the pods of either set carry their revision in. */
  public static final String REVISION_LABEL = "controller-revision-hash";
  public static final Comparator<JsonNode> BY_NUMBER = Comparator.comparingLong(Revisions::number);

  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private Revisions() {}

  /**
   * The revision's data: {@code {"spec":{"template":{...,"$patch":"replace"}}}}, a strategic
   * merge patch that puts the template back ({@code kubectl rollout undo} sends it as it is). The
   * template's metadata carries {@code creationTimestamp: null} as Go's encoding of it does.
   */
  public static ObjectNode patch(JsonNode owner) {
    ObjectNode template = owner.path("spec").path("template") instanceof ObjectNode t ? t.deepCopy()
        : JsonNodeFactory.instance.objectNode();
    ObjectNode meta = template.get("metadata") instanceof ObjectNode m ? m : template.putObject("metadata");
    if (!meta.has("creationTimestamp")) {
      meta.putNull("creationTimestamp");
    }
    template.put("$patch", "replace");
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.putObject("spec").set("template", template);
    return data;
  }

  /** kube's {@code HashControllerRevision}: FNV-32 of the data's bytes and the probe, safely encoded. */
  public static String hash(JsonNode data, Integer probe) {
    int h = 0x811c9dc5;
    byte[] bytes = GoJson.bytes(data);
    if (probe != null) {
      byte[] p = Integer.toString(probe).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      bytes = Arrays.copyOf(bytes, bytes.length + p.length);
      System.arraycopy(p, 0, bytes, bytes.length - p.length, p.length);
    }
    for (byte b : bytes) {
      h *= 0x01000193;
      h ^= b & 0xff;
    }
    String digits = Integer.toUnsignedString(h);
    StringBuilder out = new StringBuilder(digits.length());
    for (char c : digits.toCharArray()) {
      out.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
    }
    return out.toString();
  }

  /** {@code <owner>-<hash>}, the owner's name cut to 223 characters. */
  public static String name(String owner, String hash) {
    return (owner.length() > 223 ? owner.substring(0, 223) : owner) + "-" + hash;
  }

  /** Whether two revisions hold the same template (kube compares the raw bytes). */
  public static boolean sameData(JsonNode a, JsonNode b) {
    return Arrays.equals(GoJson.bytes(a), GoJson.bytes(b));
  }

  public static long number(JsonNode revision) {
    return revision.path("revision").asLong(0);
  }

  /** The highest revision number of the list, 0 when empty. */
  public static long max(List<? extends JsonNode> revisions) {
    return revisions.stream().mapToLong(Revisions::number).max().orElse(0);
  }

  /** The owner with the template a revision holds, as {@code ApplyRevision} patches it. */
  public static ObjectNode applied(JsonNode owner, JsonNode revision) {
    ObjectNode copy = owner.deepCopy();
    ObjectNode template = revision.path("data").path("spec").path("template").deepCopy();
    template.remove("$patch");
    ((ObjectNode) copy.get("spec")).set("template", template);
    return copy;
  }

  /** A revision of the owner, numbered, named by the hash under the collision count. */
  public static ObjectNode revision(JsonNode owner, String kind, String hashLabel, long number, Integer collisions) {
    ObjectNode data = patch(owner);
    String hash = hash(data, collisions);
    ObjectNode r = JsonNodeFactory.instance.objectNode().put("apiVersion", "apps/v1").put("kind", "ControllerRevision");
    ObjectNode meta = r.putObject("metadata").put("name", name(Metadata.text(owner, "name"), hash))
        .put("namespace", Metadata.text(owner, "namespace"));
    ObjectNode labels = owner.path("spec").path("template").path("metadata").path("labels") instanceof ObjectNode l
        ? l.deepCopy() : meta.objectNode();
    labels.put(hashLabel, hash);
    meta.set("labels", labels);
    if (owner.path("metadata").path("annotations") instanceof ObjectNode a && !a.isEmpty()) {
      meta.set("annotations", a.deepCopy());
    }
    meta.putArray("ownerReferences").add(controllerRef(owner, kind));
    r.set("data", data);
    r.put("revision", number);
    return r;
  }

  /** The ownerReference of an object the owner controls ({@code metav1.NewControllerRef}). */
  public static ObjectNode controllerRef(JsonNode owner, String kind) {
    return JsonNodeFactory.instance.objectNode().put("apiVersion", "apps/v1").put("kind", kind)
        .put("name", Metadata.text(owner, "name")).put("uid", Metadata.uid(owner))
        .put("controller", true).put("blockOwnerDeletion", true);
  }
}
