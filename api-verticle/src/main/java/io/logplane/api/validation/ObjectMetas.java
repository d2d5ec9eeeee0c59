package io.logplane.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.internal.GoValues;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An object's metadata as {@code ValidateObjectMeta} and {@code ValidateObjectMetaUpdate} check it
 * for every kind: the name (or the name a generateName gives), labels, annotations, owner
 * references and finalizers. The built-in kinds add kube's finalizer rule (a name without a
 * domain is one of the standard finalizers), reported per index.
 */
public final class ObjectMetas {

  private static final List<String> STANDARD_FINALIZERS = List.of("kubernetes", "orphan", "foregroundDeletion");
  /** The part of a generated name kept before its random suffix ({@code MaxGeneratedNameLength}). */
  private static final int MAX_GENERATED_PREFIX = 58;
  /** Stands for the five random characters kube appends; any from its alphabet reads the same. */
  private static final String SUFFIX = "bcdfg";

  private ObjectMetas() {}

  /** The metadata of an object about to be created. */
  public static void validate(JsonNode meta, NameRules.Rule rule, boolean builtin, FieldErrors errors) {
    String name = meta.path("name").asText("");
    String generate = meta.path("generateName").asText("");
    if (!generate.isEmpty()) {
      Names.check(rule.check(generate, true), "metadata.generateName", generate, errors);
      if (name.isEmpty()) {
        name = generate.substring(0, Math.min(generate.length(), MAX_GENERATED_PREFIX)) + SUFFIX;
      }
    }
    if (name.isEmpty()) {
      errors.required("metadata.name", "name or generateName is required");
    } else {
      Names.check(rule.check(name, false), "metadata.name", name, errors);
    }
    common(meta, errors);
    JsonNode finalizers = meta.path("finalizers");
    boolean orphan = false;
    boolean foreground = false;
    for (JsonNode f : finalizers) {
      Names.check(Names.isQualifiedName(f.asText("")), "metadata.finalizers", f.asText(""), errors);
      orphan |= f.asText("").equals("orphan");
      foreground |= f.asText("").equals("foregroundDeletion");
    }
    if (orphan && foreground) {
      errors.invalid("metadata.finalizers", finalizers, "finalizer orphan and foregroundDeletion cannot be both set");
    }
    if (builtin) {
      kubeFinalizers(finalizers, errors);
    }
  }

  /** The metadata of a new version: as on create but for the name, and no finalizer added while deleting. */
  public static void validateUpdate(JsonNode old, JsonNode meta, boolean builtin, FieldErrors errors) {
    if (old.hasNonNull("deletionTimestamp")) {
      Set<String> before = new HashSet<>();
      old.path("finalizers").forEach(f -> before.add(f.asText("")));
      Set<String> extra = new TreeSet<>();
      meta.path("finalizers").forEach(f -> {
        if (!before.contains(f.asText(""))) {
          extra.add(f.asText(""));
        }
      });
      if (!extra.isEmpty()) {
        errors.forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted,"
            + " found new finalizers " + GoValues.render(List.copyOf(extra)));
      }
    }
    common(meta, errors);
    if (builtin) {
      kubeFinalizers(meta.path("finalizers"), errors);
    }
  }

  private static void common(JsonNode meta, FieldErrors errors) {
    Labels.validate(meta.path("labels"), "metadata.labels", errors);
    Labels.validateAnnotations(meta.path("annotations"), "metadata.annotations", errors);
    OwnerReferences.validate(meta.path("ownerReferences"), "metadata.ownerReferences", errors);
  }

  /** core's validateKubeFinalizerName, at each index. */
  private static void kubeFinalizers(JsonNode finalizers, FieldErrors errors) {
    for (int i = 0; i < finalizers.size(); i++) {
      String f = finalizers.get(i).asText("");
      String path = "metadata.finalizers[" + i + "]";
      Names.check(Names.isQualifiedName(f), path, f, errors);
      if (!f.contains("/") && !STANDARD_FINALIZERS.contains(f)) {
        errors.invalid(path, f, "name is neither a standard finalizer name nor is it fully qualified");
      }
    }
  }
}
