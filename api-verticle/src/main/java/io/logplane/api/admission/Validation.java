package io.logplane.api.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.NameRules;
import io.logplane.api.validation.ObjectMetas;
import io.logplane.api.validation.Validators;
import java.util.Optional;

/**
 * Validation of an object about to be written: its metadata ({@link ObjectMetas}, names by the
 * kind's {@link NameRules}), then the rules of its kind ({@link Validators}), with the field
 * causes and messages of the kube-apiserver. Any error is a 422 listing every cause found.
 */
public final class Validation {

  private Validation() {}

  /** Validates an object about to be created; throws 422 with every cause found. */
  public static void check(ResourceType type, ObjectNode object) {
    FieldErrors errors = new FieldErrors();
    ObjectMetas.validate(object.path("metadata"), NameRules.of(type.group(), type.resource()),
        type.modelClass() != null, errors);
    Validators.of(type.group(), type.resource()).ifPresent(kind -> kind.validate(object, errors));
    failOn(type, object, errors);
  }

  /**
   * Validates the new version of an object (PUT and every patch type) against the stored one: the
   * rules of {@link #check}, then the kind's update rules (immutable fields and the like), after the
   * kind prepared the new version as kube-apiserver does ({@link KindValidator#prepareUpdate}).
   */
  public static void checkUpdate(ResourceType type, ObjectNode old, ObjectNode object) {
    FieldErrors errors = new FieldErrors();
    ObjectMetas.validateUpdate(old.path("metadata"), object.path("metadata"), type.modelClass() != null, errors);
    Optional<KindValidator> kind = Validators.of(type.group(), type.resource());
    kind.ifPresent(k -> k.prepareUpdate(old, object));
    if (kind.isPresent() && kind.get().updateRulesFirst()) {
      kind.get().validateUpdate(old, object, errors);
      kind.get().validate(object, errors);
    } else if (kind.isPresent()) {
      kind.get().validate(object, errors);
      kind.get().validateUpdate(old, object, errors);
    }
    failOn(type, object, errors);
  }

  private static void failOn(ResourceType type, ObjectNode object, FieldErrors errors) {
    if (!errors.isEmpty()) {
      throw errors.toException(type.group(), type.kind(), object.path("metadata").path("name").asText(""));
    }
  }
}
