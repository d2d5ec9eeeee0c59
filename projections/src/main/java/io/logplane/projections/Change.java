package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One effect of an accepted record on one object: the watch event it produces.
 * For DELETED the object is its last state, with the deleting record's resourceVersion.
 */
public record Change(Type type, String key, ObjectNode object) {

  /** The Kubernetes watch event types. */
  public enum Type { ADDED, MODIFIED, DELETED }
}
