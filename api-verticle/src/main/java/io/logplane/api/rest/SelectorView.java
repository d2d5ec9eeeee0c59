package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Change;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one watch sees of an event, as kube-apiserver's watch cache shows it. Without selectors:
 * every event of the watched type and namespace. With a label or field selector, a change is
 * judged on the object before and after it:
 *
 * <ul>
 *   <li>matching before and after: MODIFIED;
 *   <li>matching only after (a label added, a pod given an address): ADDED;
 *   <li>matching only before: DELETED, with the object as it was and the change's
 *       resourceVersion, so a client's cache drops what it can no longer see;
 *   <li>matching neither: nothing.
 * </ul>
 *
 * The object before a change comes with a fresh event; one replayed from the ring or the store's
 * history reads it from the store's version index. When that version is no longer held, the
 * change is judged on its result alone, as before this view existed.
 */
final class SelectorView implements Function<Event, Event> {

  /** The object before the change at an offset, by key; null when it is not known. */
  @FunctionalInterface
  interface Before {
    byte[] json(String key, long offset);
  }

  private final String prefix;
  private final Predicate<JsonNode> selectors;
  private final Before before;

  /** A view of the keys under prefix; selectors null selects every object. */
  SelectorView(String prefix, Predicate<JsonNode> selectors, Before before) {
    this.prefix = prefix;
    this.selectors = selectors;
    this.before = before;
  }

  @Override
  public Event apply(Event e) {
    if (!e.key().startsWith(prefix)) {
      return null;
    }
    if (selectors == null) {
      return e;
    }
    ObjectNode object = e.object();
    boolean now = selectors.test(object);
    if (e.type() != Change.Type.MODIFIED) {
      return now ? e : null;
    }
    ObjectNode was = previous(e);
    boolean matched = was == null ? now : selectors.test(was);
    if (now) {
      return matched ? e : new Event(e.offset(), Change.Type.ADDED, e.key(), object, e.json());
    }
    if (!matched) {
      return null;
    }
    ObjectNode gone = Metadata.withOwnMetadata(was);
    Metadata.of(gone).put("resourceVersion", Long.toString(e.offset()));
    return new Event(e.offset(), Change.Type.DELETED, e.key(), gone, Json.bytes(gone));
  }

  private ObjectNode previous(Event e) {
    if (e.previous() != null) {
      return e.previous();
    }
    byte[] json = before.json(e.key(), e.offset());
    return json == null ? null : Json.object(json);
  }
}
