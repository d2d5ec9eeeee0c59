package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An applied change as watchers see it: the offset of the record that made it (the object's
 * resourceVersion), and the object encoded (for sending) and, while it is fresh, parsed (for
 * filtering). Records that change several objects (cascades) give several events at the same
 * offset.
 *
 * <p>The parsed tree costs many times the bytes of its JSON, so what is kept for a while (the
 * watch ring) keeps the {@link #compact} form, which parses again when asked. A tree handed out
 * may be shared with other readers: copy it before changing it.
 *
 * <p>A MODIFIED event made by the projection also holds, while fresh, the object as it was before
 * the change, so a watch with a selector can tell an object that starts or stops matching (kube
 * sends those as ADDED and DELETED). The compact form drops it: it is read back from the store's
 * version index when needed.
 */
public final class Event {

  private final long offset;
  private final Change.Type type;
  private final String key;
  private final ObjectNode object;
  private final byte[] json;
  private final ObjectNode previous;

  /** An event; {@code object} may be null when {@code json} is given, and is parsed on demand. */
  public Event(long offset, Change.Type type, String key, ObjectNode object, byte[] json) {
    this(offset, type, key, object, json, null);
  }

  /** An event that also holds the object before the change ({@code previous}, null when unknown). */
  public Event(long offset, Change.Type type, String key, ObjectNode object, byte[] json, ObjectNode previous) {
    if (object == null && json == null) {
      throw new IllegalArgumentException("an event needs its object or its JSON");
    }
    this.offset = offset;
    this.type = type;
    this.key = key;
    this.object = object;
    this.json = json;
    this.previous = previous;
  }

  public long offset() {
    return offset;
  }

  public Change.Type type() {
    return type;
  }

  public String key() {
    return key;
  }

  /** The object: the tree made with the event, or a new parse of its JSON once compacted. */
  public ObjectNode object() {
    return object != null ? object : Json.object(json);
  }

  /** The object's JSON, or null for an event made from a tree alone. */
  public byte[] json() {
    return json;
  }

  /** The object before this change while the event is fresh, or null (unknown, or none). */
  public ObjectNode previous() {
    return previous;
  }

  /** The same event holding only its JSON (itself when it already does, or has no JSON). */
  public Event compact() {
    return object == null || json == null ? this : new Event(offset, type, key, null, json);
  }

  public Key parsedKey() {
    return Key.parse(key);
  }

  @Override
  public String toString() {
    return "Event[" + offset + " " + type + " " + key + "]";
  }
}
