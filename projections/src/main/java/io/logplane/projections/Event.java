package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An applied change as watchers see it: the offset of the record that made it (the object's
 * resourceVersion), and the object both parsed (for filtering) and encoded (for sending).
 * Records that change several objects (cascades) give several events at the same offset.
 */
public record Event(long offset, Change.Type type, String key, ObjectNode object, byte[] json) {

  public Key parsedKey() {
    return Key.parse(key);
  }
}
