package io.logplane.projections.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;

/** The batch serialized by hand is the one RocksDB builds from the same operations in key order. */
class SortedBatchTest {

  static {
    RocksDB.loadLibrary();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void serializedFormIsRocksDbsOwnInKeyOrderWithTheLastOperationPerKey() throws Exception {
    SortedBatch ops = new SortedBatch();
    ops.put(b("o:\u00e9"), b("after b: keys compare unsigned"));
    ops.put(b("o:b"), b("2"));
    ops.delete(b("n:x"));
    ops.put(b("e:\u00ff"), new byte[300]);
    ops.put(b("n:x"), new byte[0]);
    ops.put(b("a:"), b("first"));
    ops.delete(b("a:"));
    ops.put(b("a"), b("k".repeat(20_000)));
    try (WriteBatch expected = new WriteBatch()) {
      expected.put(b("a"), b("k".repeat(20_000)));
      expected.delete(b("a:"));
      expected.put(b("e:\u00ff"), new byte[300]);
      expected.put(b("n:x"), new byte[0]);
      expected.put(b("o:b"), b("2"));
      expected.put(b("o:\u00e9"), b("after b: keys compare unsigned"));
      assertArrayEquals(expected.data(), ops.serialized());
    }
  }
}
