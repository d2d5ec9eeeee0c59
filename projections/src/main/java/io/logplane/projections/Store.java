package io.logplane.projections;

import java.util.List;
import java.util.Map;

/**
 * The materialized state: objects by key, their secondary indexes, the applied events, and the
 * offset of the last applied record — all written in one atomic batch, so the state and the
 * offset it reflects never disagree (a crash resumes exactly after the last committed batch).
 */
public interface Store extends AutoCloseable {

  /** Offset of the last applied record, -1 before the first. */
  long appliedOffset();

  /** The object's JSON at key, or null. */
  byte[] get(String key);

  /**
   * The object at key parsed, or null. It may be shared with every other reader of that key:
   * read it, never change it (a store may hold the kinds admission reads on every create parsed).
   */
  default com.fasterxml.jackson.databind.JsonNode tree(String key) {
    byte[] json = get(key);
    return json == null ? null : Json.object(json);
  }

  /** A consistent read view at one applied offset; close it after use. */
  Snapshot snapshot();

  /**
   * The final state of one key after a batch.
   *
   * @param json     the object's JSON, or null when the batch deleted it
   * @param object   the same object parsed (null when deleted)
   * @param previous the object before the batch, or null when it did not exist
   */
  record Write(byte[] json, com.fasterxml.jackson.databind.node.ObjectNode object,
      com.fasterxml.jackson.databind.node.ObjectNode previous) {}

  /**
   * Writes the effect of applied records atomically.
   *
   * @param appliedOffset offset of the last record the batch covers
   * @param writes        final state per changed key
   * @param events        the events of the batch, in offset order
   */
  void commit(long appliedOffset, Map<String, Write> writes, List<Event> events, List<Audit> audits);

  /**
   * The state as it was right after the record at offset was applied (time travel), as a
   * read view; served from the per-object version index, so it costs a seek per object.
   */
  Snapshot at(long offset);

  /**
   * The object's JSON as it was right before the record at offset, or null: it did not exist,
   * or that version's event is no longer held. One seek in the per-object version index.
   */
  byte[] before(String key, long offset);

  /** One version of an object, or a rejected attempt on it (event null). */
  record Version(long offset, Event event, Audit audit) {}

  /** Every version and rejected attempt of one object, oldest first, from offset on. */
  List<Version> history(String key, long fromOffset, int max);

  /** Keys with a history (existing or deleted) starting with prefix, in key order. */
  List<String> historyKeys(String prefix, int max);

  /** The audit entries with offset in [from, to], oldest first, at most max. */
  List<Audit> audits(long from, long to, java.util.function.Predicate<Audit> filter, int max);

  /** The audit entry of the record at offset, or null. */
  Audit audit(long offset);

  /** The applied events with offset in (fromExclusive, toInclusive], in order. */
  List<Event> events(long fromExclusive, long toInclusive, int max);

  /** The offset of the oldest applied event held, or -1. */
  long oldestEventOffset();

  /** Keys of the namespace's objects (namespace index). */
  List<String> keysInNamespace(String namespace);

  /** Keys of objects with an ownerReference to uid (owner index). */
  List<String> dependents(String ownerUid);

  /** The key of the object whose {@code metadata.uid} is uid, or null when none has it (uid index). */
  String keyOfUid(String uid);

  /** SHA-256 over every entry of the store, in key order. */
  byte[] hash();

  @Override
  void close();

  /** A consistent read-only view. */
  interface Snapshot extends AutoCloseable {
    long appliedOffset();

    byte[] get(String key);

    /**
     * Visits objects whose key starts with prefix, in key order, starting after
     * {@code startAfter} (null = from the start), until the visitor returns false.
     */
    void scan(String prefix, String startAfter, Visitor visitor);

    /**
     * Visits the keys of the objects whose key starts with prefix, in key order, until the
     * visitor returns false; a view that can skip reading the objects does.
     */
    default void scanKeys(String prefix, java.util.function.Predicate<String> visitor) {
      scan(prefix, null, (key, json) -> visitor.test(key));
    }

    @Override
    void close();
  }

  /** Receives one object per call; returns false to stop. */
  @FunctionalInterface
  interface Visitor {
    boolean visit(String key, byte[] json);
  }
}
