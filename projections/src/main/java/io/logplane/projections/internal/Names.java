package io.logplane.projections.internal;

/**
 * Generated-name suffixes derived from the offset (apply() may not use randomness): the
 * alphabet and length of Kubernetes' {@code SimpleNameGenerator}.
 */
public final class Names {

  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int LENGTH = 5;

  private Names() {}

  /** A well-mixed number derived from the offset and the attempt (SplitMix64). */
  public static long mix(long offset, int attempt) {
    long z = offset * 0x9E3779B97F4A7C15L + attempt * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The suffix for the record at offset; attempt > 0 when an earlier suffix was taken. */
  public static String suffix(long offset, int attempt) {
    StringBuilder s = new StringBuilder(LENGTH);
    long v = mix(offset, attempt) & Long.MAX_VALUE;
    for (int i = 0; i < LENGTH; i++) {
      s.append(ALPHABET.charAt((int) (v % ALPHABET.length())));
      v /= ALPHABET.length();
    }
    return s.toString();
  }
}
