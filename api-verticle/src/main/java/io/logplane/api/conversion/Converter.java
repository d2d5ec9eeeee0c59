package io.logplane.api.conversion;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Conversion of one kind between a served version and the version it is stored in. Both
 * directions are pure functions of the object: they read nothing else, so every request and
 * every replica converts an object the same way. The argument is the caller's to give away: an
 * implementation may modify it or return it.
 */
public interface Converter {

  /** The stored form of an object written in the served version (apiVersion and kind included). */
  ObjectNode toStorage(ObjectNode served);

  /** The served form of a stored object (apiVersion and kind included). */
  ObjectNode fromStorage(ObjectNode stored);
}
