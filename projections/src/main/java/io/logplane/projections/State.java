package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The read side of the state as apply() sees it. Implementations must answer from the state
 * after every record before the one being applied, and nothing else.
 */
public interface State {

  /** The object at key, or null. Callers must not mutate it. */
  ObjectNode get(String key);

  /** Keys of every object in a namespace, in key order. */
  List<String> keysInNamespace(String namespace);

  /** Keys of every object with an ownerReference to this uid, in key order. */
  List<String> dependents(String ownerUid);

  /**
   * The key of the object whose {@code metadata.uid} is uid, or null when no object has it: one
   * point lookup, as the garbage collector asks whether an owner exists.
   */
  String keyOfUid(String uid);
}
