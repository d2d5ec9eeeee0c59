package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Labels;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.Validators;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validation of an object about to be written: its metadata (names, labels, annotations), then
 * the rules of its kind ({@link Validators}), with the field causes and messages of the
 * kube-apiserver. Any error is a 422 listing every cause found.
 */
public final class Validation {

  private static final Set<String> LABEL_NAMED = Set.of("namespaces");
  private static final Set<String> DNS1035_NAMED = Set.of("services");

  private Validation() {}

  /** Validates an object about to be created; throws 422 with every cause found. */
  public static void check(ResourceType type, ObjectNode object) {
    FieldErrors errors = new FieldErrors();
    metadata(type, object.path("metadata"), errors);
    Optional<KindValidator> kind = Validators.of(type.group(), type.resource());
    if (kind.isPresent()) {
      kind.get().validate(object, errors);
    } else {
      InterimRules.check(type, object, errors);
    }
    failOn(type, object, errors);
  }

  /**
   * Validates the new version of an object (PUT and every patch type) against the stored one: the
   * rules of {@link #check}, then the kind's update rules (immutable fields and the like), after the
   * kind prepared the new version as kube-apiserver does ({@link KindValidator#prepareUpdate}).
   */
  public static void checkUpdate(ResourceType type, ObjectNode old, ObjectNode object) {
    FieldErrors errors = new FieldErrors();
    metadata(type, object.path("metadata"), errors);
    Optional<KindValidator> kind = Validators.of(type.group(), type.resource());
    kind.ifPresent(k -> k.prepareUpdate(old, object));
    if (kind.isPresent() && kind.get().updateRulesFirst()) {
      kind.get().validateUpdate(old, object, errors);
      kind.get().validate(object, errors);
    } else if (kind.isPresent()) {
      kind.get().validate(object, errors);
      kind.get().validateUpdate(old, object, errors);
    } else {
      InterimRules.check(type, object, errors);
    }
    failOn(type, object, errors);
  }

  private static void failOn(ResourceType type, ObjectNode object, FieldErrors errors) {
    if (!errors.isEmpty()) {
      throw errors.toException(type.group(), type.kind(), object.path("metadata").path("name").asText(""));
    }
  }

  private static void metadata(ResourceType type, JsonNode meta, FieldErrors errors) {
    String name = meta.path("name").asText("");
    String generate = meta.path("generateName").asText("");
    if (name.isEmpty() && generate.isEmpty()) {
      errors.required("metadata.name", "name or generateName is required");
    } else if (!name.isEmpty()) {
      Names.check(nameRule(type, name), "metadata.name", name, errors);
    }
    Labels.validate(meta.path("labels"), "metadata.labels", errors);
    Labels.validateAnnotations(meta.path("annotations"), "metadata.annotations", errors);
  }

  private static List<String> nameRule(ResourceType type, String name) {
    if (type.group().isEmpty() && LABEL_NAMED.contains(type.resource())) {
      return Names.isDns1123Label(name);
    }
    if (type.group().isEmpty() && DNS1035_NAMED.contains(type.resource())) {
      return Names.isDns1035Label(name);
    }
    return Names.isDns1123Subdomain(name);
  }
}
