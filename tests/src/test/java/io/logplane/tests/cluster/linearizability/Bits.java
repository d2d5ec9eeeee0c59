package io.logplane.tests.cluster.linearizability;

/**
 * A set of operation indices (which ones the search has placed) that keeps two independent
 * Zobrist hashes of itself up to date as bits flip: together a 128-bit fingerprint, which the memo
 * stores in place of the set, so a configuration of a key with thousands of operations costs a few
 * words rather than hundreds of bytes, and is looked up without hashing or copying the set.
 */
final class Bits {

  final long[] words;
  private long hash1;
  private long hash2;

  Bits(int size) {
    words = new long[(size + 63) >>> 6];
  }

  void set(int i) {
    words[i >>> 6] |= 1L << i;
    flip(i);
  }

  void clear(int i) {
    words[i >>> 6] &= ~(1L << i);
    flip(i);
  }

  boolean get(int i) {
    return (words[i >>> 6] & (1L << i)) != 0;
  }

  /** The XOR of a fixed pseudo-random word per member: equal for equal sets. */
  long hash1() {
    return hash1;
  }

  /** A second such hash, from other words: two sets collide on both with a chance of 2^-128. */
  long hash2() {
    return hash2;
  }

  /** Whether every member of {@code a} is in {@code b} (both of one size). */
  static boolean subset(long[] a, long[] b) {
    for (int w = 0; w < a.length; w++) {
      if ((a[w] & ~b[w]) != 0) {
        return false;
      }
    }
    return true;
  }

  private void flip(int i) {
    hash1 ^= mix(2L * i + 1);
    hash2 ^= mix(2L * i + 2);
  }

  /** SplitMix64 at position x: a fixed, well-spread word per index. */
  private static long mix(long x) {
    long z = x * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
