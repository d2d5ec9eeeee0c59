package io.logplane.controllers;

/**
 * One controller's logic: given the key of an object, read the current state and append what is
 * missing. Driven by the state, never by the event that woke it; may be called again for the
 * same key at any time and must converge.
 */
public interface Reconciler {

  /** What the loop should do with the key next. */
  enum Result { DONE, REQUEUE }

  /** The storage key prefix of the objects this controller reconciles. */
  String watches();

  /** Reconciles one key; an exception is retried with backoff. */
  Result reconcile(String key) throws Exception;
}
