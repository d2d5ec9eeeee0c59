package io.logplane.projections.internal;

import java.util.Arrays;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The puts and deletes of one commit, handed to RocksDB sorted by key with one operation per
 * key (the last one given wins), so the batch means the same as the operations in the order
 * they came. Sorted inserts are what makes a memtable cheap to fill: each key lands next to
 * the one before it, where the skip list was just walked, instead of anywhere in it.
 */
public final class SortedBatch {

  private static final byte[] DELETE = new byte[0];
  private static final int HEADER = 12;
  private static final byte TYPE_DELETION = 0x0;
  private static final byte TYPE_VALUE = 0x1;

  private Op[] ops = new Op[256];
  private int size;
  private boolean sorted;

  /** Sees the operations of a batch in key order, one per key. */
  public interface Visitor {
    /** A put of value at key, or a delete of key when value is null. */
    void op(byte[] key, byte[] value);
  }

  private record Op(byte[] key, byte[] value, int seq) {}

  public void put(byte[] key, byte[] value) {
    add(key, value);
  }

  public void delete(byte[] key) {
    add(key, DELETE);
  }

  private void add(byte[] key, byte[] value) {
    if (size == ops.length) {
      ops = Arrays.copyOf(ops, size * 2);
    }
    ops[size] = new Op(key, value, size);
    size++;
    sorted = false;
  }

  private void sort() {
    if (!sorted) {
      Arrays.sort(ops, 0, size, (a, b) -> {
        int c = Arrays.compareUnsigned(a.key, b.key);
        return c != 0 ? c : Integer.compare(a.seq, b.seq);
      });
      sorted = true;
    }
  }

  /** The operations in key order without those a later one on the same key overrides. */
  public void forEach(Visitor visitor) {
    sort();
    for (int i = 0; i < size; i++) {
      if (!overridden(i)) {
        visitor.op(ops[i].key, ops[i].value == DELETE ? null : ops[i].value);
      }
    }
  }

  /**
   * The batch in RocksDB's serialized form (what {@link WriteBatch#data()} gives), in key
   * order, without the operations a later one on the same key overrides: built here in one
   * array, so RocksDB gets it in one call instead of one native call per key. The layout is
   * the one of {@code db/write_batch.cc}: a sequence number (8 bytes) and a count (4 bytes),
   * little-endian, then per operation a tag (1 put, 0 delete), the varint32 length and the
   * bytes of the key, and for a put those of the value.
   */
  public byte[] serialized() {
    sort();
    int bytes = HEADER;
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (overridden(i)) {
        continue;
      }
      Op op = ops[i];
      count++;
      bytes += 1 + varintSize(op.key.length) + op.key.length;
      if (op.value != DELETE) {
        bytes += varintSize(op.value.length) + op.value.length;
      }
    }
    byte[] out = new byte[bytes];
    out[8] = (byte) count;
    out[9] = (byte) (count >>> 8);
    out[10] = (byte) (count >>> 16);
    out[11] = (byte) (count >>> 24);
    int at = HEADER;
    for (int i = 0; i < size; i++) {
      if (overridden(i)) {
        continue;
      }
      Op op = ops[i];
      out[at++] = op.value == DELETE ? TYPE_DELETION : TYPE_VALUE;
      at = bytes(out, at, op.key);
      if (op.value != DELETE) {
        at = bytes(out, at, op.value);
      }
    }
    return out;
  }

  /** Writes the batch to RocksDB as one {@link WriteBatch}. */
  public void write(RocksDB db, WriteOptions options) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch(serialized())) {
      db.write(options, batch);
    }
  }

  private boolean overridden(int i) {
    return i + 1 < size && Arrays.equals(ops[i].key, ops[i + 1].key);
  }

  private static int varintSize(int v) {
    int n = 1;
    while ((v & ~0x7F) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  private static int bytes(byte[] out, int at, byte[] b) {
    int v = b.length;
    while ((v & ~0x7F) != 0) {
      out[at++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[at++] = (byte) v;
    System.arraycopy(b, 0, out, at, b.length);
    return at + b.length;
  }
}
