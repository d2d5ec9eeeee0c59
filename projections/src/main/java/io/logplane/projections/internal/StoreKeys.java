package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Change;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The byte layout of the store. {@code o:<key>} objects; {@code n:<ns>\0<key>} namespace
 * index; {@code w:<ownerUid>\0<key>} owner index; {@code u:<uid>} uid index (its value the
 * object's key); {@code e:<offset 8 bytes><seq 4 bytes>} events (big-endian, so they sort by
 * offset); {@code m:applied} the applied offset; {@code m:indexes} the version of the derived
 * indexes the store holds (absent: a store from before the uid index, see {@link IndexMigration}).
 */
public final class StoreKeys {

  public static final byte[] EMPTY = new byte[0];
  public static final byte[] APPLIED = utf8("m:applied");
  public static final byte[] INDEXES = utf8("m:indexes");
  /** The version of the derived indexes: 1 has the uid index. */
  public static final long INDEXES_VERSION = 1;
  private static final byte[] EVENT = utf8("e:");

  private StoreKeys() {}

  public static byte[] object(String key) {
    return utf8("o:" + key);
  }

  public static String objectKey(byte[] storeKey) {
    return new String(storeKey, 2, storeKey.length - 2, StandardCharsets.UTF_8);
  }

  public static byte[] namespaceIndexPrefix(String ns) {
    return utf8("n:" + ns + "\0");
  }

  public static byte[] namespaceIndex(String ns, String key) {
    return utf8("n:" + ns + "\0" + key);
  }

  public static byte[] ownerIndexPrefix(String uid) {
    return utf8("w:" + uid + "\0");
  }

  public static byte[] ownerIndex(String uid, String key) {
    return utf8("w:" + uid + "\0" + key);
  }

  public static byte[] uidIndex(String uid) {
    return utf8("u:" + uid);
  }

  /** The uid an object is indexed under, or null when it has none. */
  public static String indexedUid(JsonNode object) {
    String uid = Metadata.uid(object);
    return uid == null || uid.isEmpty() ? null : uid;
  }

  public static String indexedKey(byte[] storeKey, int prefixLength) {
    return new String(storeKey, prefixLength, storeKey.length - prefixLength, StandardCharsets.UTF_8);
  }

  /** A rejected record in an object's history has this sequence number. */
  public static final int REJECTED = -1;
  private static final byte[] AUDIT = utf8("a:");

  public static byte[] audit(long offset) {
    return ByteBuffer.allocate(AUDIT.length + 8).put(AUDIT).putLong(offset).array();
  }

  public static boolean isAudit(byte[] storeKey) {
    return storeKey.length == AUDIT.length + 8 && startsWith(storeKey, AUDIT);
  }

  /** {@code h:<key>\0<offset><seq>}: one entry per version (or rejected attempt) of an object. */
  public static byte[] history(String key, long offset, int seq) {
    byte[] k = utf8("h:" + key);
    return ByteBuffer.allocate(k.length + 13).put(k).put((byte) 0).putLong(offset).putInt(seq).array();
  }

  /** The prefix of every history entry of exactly this key. */
  public static byte[] historyOf(String key) {
    return utf8("h:" + key + "\0");
  }

  /** The prefix of the history entries of every key starting with prefix. */
  public static byte[] historyPrefix(String prefix) {
    return utf8("h:" + prefix);
  }

  /** The object key of a history entry. */
  public static String historyKey(byte[] storeKey) {
    return new String(storeKey, 2, storeKey.length - 2 - 13, StandardCharsets.UTF_8);
  }

  public static long historyOffset(byte[] storeKey) {
    return ByteBuffer.wrap(storeKey, storeKey.length - 12, 8).getLong();
  }

  public static int historySeq(byte[] storeKey) {
    return ByteBuffer.wrap(storeKey, storeKey.length - 4, 4).getInt();
  }

  public static byte[] event(long offset, int seq) {
    return ByteBuffer.allocate(EVENT.length + 12).put(EVENT).putLong(offset).putInt(seq).array();
  }

  public static boolean isEvent(byte[] storeKey) {
    return storeKey.length == EVENT.length + 12 && startsWith(storeKey, EVENT);
  }

  public static long eventOffset(byte[] storeKey) {
    return ByteBuffer.wrap(storeKey, EVENT.length, 8).getLong();
  }

  /** Type ordinal, key length, key, then the object's JSON. */
  public static byte[] encodeEvent(Event e) {
    byte[] key = utf8(e.key());
    return ByteBuffer.allocate(1 + 4 + key.length + e.json().length)
        .put((byte) e.type().ordinal()).putInt(key.length).put(key).put(e.json()).array();
  }

  public static Event decodeEvent(byte[] storeKey, byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    Change.Type type = Change.Type.values()[b.get()];
    byte[] key = new byte[b.getInt()];
    b.get(key);
    byte[] json = Arrays.copyOfRange(value, b.position(), value.length);
    return new Event(eventOffset(storeKey), type, new String(key, StandardCharsets.UTF_8), Json.object(json), json);
  }

  /** The object's JSON of an encoded event, or null when there is none or it is a deletion. */
  public static byte[] liveJson(byte[] value) {
    if (value == null || value[0] == Change.Type.DELETED.ordinal()) {
      return null;
    }
    int start = 1 + 4 + ByteBuffer.wrap(value, 1, 4).getInt();
    return Arrays.copyOfRange(value, start, value.length);
  }

  public static byte[] encodeLong(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  public static long decodeLong(byte[] b) {
    return ByteBuffer.wrap(b).getLong();
  }

  public static boolean startsWith(byte[] a, byte[] prefix) {
    return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
