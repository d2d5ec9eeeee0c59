package io.logplane.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rules of one kind beyond its metadata, as its {@code ValidateX} and {@code ValidateXUpdate}
 * functions in kube-apiserver state them. Implementations are pure: they read the objects given
 * and add what they find wrong to {@code errors}; they never change the objects (but in
 * {@link #prepareUpdate}).
 */
public interface KindValidator {

  /** Checks an object about to be created (and every new version of an update: see below). */
  void validate(ObjectNode object, FieldErrors errors);

  /**
   * What kube-apiserver's update path changes in the new version before it validates it (its
   * strategy's PrepareForUpdate and storage hooks: values a client left out are kept from the
   * stored version, fields a type change no longer uses are dropped). The one method here that
   * changes {@code object}, which is then validated and stored as changed.
   */
  default void prepareUpdate(ObjectNode old, ObjectNode object) {}

  /**
   * The rules between the stored version and its replacement (immutable fields, allowed changes).
   * {@link #validate} checks {@code object} on its own too (see {@link #updateRulesFirst}).
   */
  default void validateUpdate(ObjectNode old, ObjectNode object, FieldErrors errors) {}

  /**
   * Whether the update rules' errors come before those of {@link #validate} (most kinds, as their
   * ValidateXUpdate does) or after them (Pod).
   */
  default boolean updateRulesFirst() {
    return true;
  }
}
