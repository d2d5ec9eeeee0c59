package io.logplane.projections;

import io.logplane.projections.internal.SortedBatch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What one committed batch wrote to the store, as bytes for the changelog: the records it
 * covers (offsets {@code first..last}) and every put and delete of its commit, in key order.
 * Applying the change sets of a log's batches in order to an empty store gives the store the
 * projection built, byte for byte, without deciding a record again.
 *
 * <pre>
 * 'L' 'C' version(1)  flags(1)  first(8)  last(8)  part(4)  count(varint)
 *   flags bit 0: more parts of the same range follow (a store's whole contents, in key order);
 *   part: this one's number among them, from 0 (0 for a commit's change set)
 * per operation: tag(1) keyLength(varint) key
 *   tag 0: a delete
 *   tag 1: a put: valueLength(varint) value
 *   tag 2: a put whose value is the tail of an earlier operation's: index(varint) start(varint)
 * </pre>
 *
 * Tag 2 is how an object's current state ({@code o:}) refers to the JSON of its last event in
 * the batch ({@code e:}), which is the same bytes: a batch's JSON is in a change set once.
 */
public final class ChangeSet {

  private static final byte VERSION = 2;
  private static final byte DELETE = 0;
  private static final byte PUT = 1;
  private static final byte PUT_TAIL = 2;
  private static final int HEADER = 4 + 8 + 8 + 4;
  private static final byte MORE = 1;

  private ChangeSet() {}

  /** Sees a change set: its range once, then its operations in key order. */
  public interface Visitor {
    void range(long first, long last);

    /** A put of value at key, or a delete of key when value is null. */
    void op(byte[] key, byte[] value);

    /**
     * A put at key of the bytes of {@code source} from {@code start} on (the value of an earlier
     * operation, which the caller must not change); by default {@link #op} with a copy.
     */
    default void tail(byte[] key, byte[] source, int start) {
      op(key, Arrays.copyOfRange(source, start, source.length));
    }
  }

  /**
   * The offsets a change set covers, read from its header alone.
   *
   * @param more whether more parts of the same range follow: a store's contents too large for one
   * @param part the number of this part, from 0
   */
  public record Range(long first, long last, boolean more, int part) {}

  /**
   * Encodes a commit's operations.
   *
   * @param first the first offset the batch applied
   * @param last  the last offset the batch applied (the store's applied offset after it)
   */
  public static byte[] encode(long first, long last, SortedBatch ops) {
    return encode(first, last, ops, 0, false);
  }

  /**
   * Encodes one part of a store's contents, or a commit's operations when it is the only part.
   *
   * @param part the number of this part, from 0
   * @param more whether more parts of the same range follow this one
   */
  public static byte[] encode(long first, long last, SortedBatch ops, int part, boolean more) {
    int[] count = {0};
    long[] bound = {32};
    ops.forEach((k, v) -> {
      count[0]++;
      bound[0] += 16L + k.length + (v == null ? 0 : v.length);
    });
    // Sized for the worst case up front: growing it copied a commit's bytes two or three times.
    Out out = new Out((int) Math.min(bound[0], Integer.MAX_VALUE - 16));
    out.write(new byte[] {'L', 'C', VERSION, more ? MORE : 0}, 0, 4);
    out.writeLong(first);
    out.writeLong(last);
    out.writeInt(part);
    out.varint(count[0]);
    Map<String, int[]> lastEvent = new HashMap<>();
    int[] index = {0};
    byte[][] values = new byte[count[0]][];
    ops.forEach((key, value) -> {
      int i = index[0]++;
      values[i] = value;
      if (value == null) {
        out.write(DELETE);
        out.bytes(key);
        return;
      }
      int[] ref = isObject(key) ? lastEvent.get(new String(key, 2, key.length - 2, StandardCharsets.UTF_8)) : null;
      if (ref != null && Arrays.equals(values[ref[0]], ref[1], values[ref[0]].length, value, 0, value.length)) {
        out.write(PUT_TAIL);
        out.bytes(key);
        out.varint(ref[0]);
        out.varint(ref[1]);
        return;
      }
      out.write(PUT);
      out.bytes(key);
      out.bytes(value);
      if (isEvent(key) && value.length > 5) {
        int keyLength = ByteBuffer.wrap(value, 1, 4).getInt();
        lastEvent.put(new String(value, 5, keyLength, StandardCharsets.UTF_8), new int[] {i, 5 + keyLength});
      }
    });
    return out.toByteArray();
  }

  /** The range of a change set. */
  public static Range range(byte[] changeSet) {
    checkHeader(changeSet);
    ByteBuffer b = ByteBuffer.wrap(changeSet, 4, 20);
    return new Range(b.getLong(), b.getLong(), (changeSet[3] & MORE) != 0, b.getInt());
  }

  /**
   * Decodes a change set.
   *
   * @throws IllegalArgumentException when the bytes are not a change set of this version
   */
  public static void decode(byte[] changeSet, Visitor visitor) {
    Range r = range(changeSet);
    visitor.range(r.first(), r.last());
    In in = new In(changeSet, HEADER);
    int count = in.varint();
    byte[][] values = new byte[count][];
    for (int i = 0; i < count; i++) {
      byte tag = in.next();
      byte[] key = in.bytes();
      switch (tag) {
        case DELETE -> visitor.op(key, null);
        case PUT -> {
          values[i] = in.bytes();
          visitor.op(key, values[i]);
        }
        case PUT_TAIL -> {
          int source = in.varint();
          int start = in.varint();
          if (source >= i || values[source] == null || start > values[source].length) {
            throw new IllegalArgumentException("change set operation " + i + " refers to a value it cannot have");
          }
          visitor.tail(key, values[source], start);
        }
        default -> throw new IllegalArgumentException("unknown change set operation " + tag);
      }
    }
    if (in.at != changeSet.length) {
      throw new IllegalArgumentException("change set has " + (changeSet.length - in.at) + " bytes after its end");
    }
  }

  private static void checkHeader(byte[] b) {
    if (b.length < HEADER || b[0] != 'L' || b[1] != 'C') {
      throw new IllegalArgumentException("not a change set");
    }
    if (b[2] != VERSION) {
      throw new IllegalArgumentException("change set version " + b[2] + " is not " + VERSION);
    }
  }

  private static boolean isObject(byte[] key) {
    return key.length > 2 && key[0] == 'o' && key[1] == ':';
  }

  private static boolean isEvent(byte[] key) {
    return key.length > 2 && key[0] == 'e' && key[1] == ':';
  }

  private static final class Out extends ByteArrayOutputStream {
    Out(int size) {
      super(size);
    }

    void writeLong(long v) {
      for (int s = 56; s >= 0; s -= 8) {
        write((int) (v >>> s));
      }
    }

    void writeInt(int v) {
      for (int s = 24; s >= 0; s -= 8) {
        write(v >>> s);
      }
    }

    void varint(int v) {
      while ((v & ~0x7F) != 0) {
        write((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      write(v);
    }

    void bytes(byte[] b) {
      varint(b.length);
      write(b, 0, b.length);
    }
  }

  private static final class In {
    private final byte[] b;
    private int at;

    In(byte[] b, int at) {
      this.b = b;
      this.at = at;
    }

    byte next() {
      if (at >= b.length) {
        throw new IllegalArgumentException("change set ends early");
      }
      return b[at++];
    }

    int varint() {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        byte x = next();
        v |= (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new IllegalArgumentException("change set varint too long");
    }

    byte[] bytes() {
      int n = varint();
      if (n < 0 || n > b.length - at) {
        throw new IllegalArgumentException("change set field of " + n + " bytes past its end");
      }
      byte[] out = Arrays.copyOfRange(b, at, at + n);
      at += n;
      return out;
    }
  }
}
