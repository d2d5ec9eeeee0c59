package io.logplane.node.internal.images;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as OCI writes them ({@code sha256:} and 64 lowercase hex digits). */
final class Digests {

  private Digests() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String of(byte[] content) {
    return format(sha256().digest(content));
  }

  static String format(byte[] hash) {
    return "sha256:" + HexFormat.of().formatHex(hash);
  }

  /** The hex part of a digest, checked: it becomes a file name. */
  static String hex(String digest) {
    if (!digest.matches("sha256:[a-f0-9]{64}")) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    return digest.substring("sha256:".length());
  }

  /** Fails when {@code actual} is not {@code expected}, naming {@code what}. */
  static void verify(String what, String expected, String actual) throws IOException {
    if (!expected.equals(actual)) {
      throw new IOException(what + " has digest " + actual + ", expected " + expected);
    }
  }

  /** A stream that hashes what is read through it. */
  static final class Hashing extends FilterInputStream {

    private final MessageDigest digest = sha256();
    private long count;

    Hashing(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        digest.update((byte) b);
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        digest.update(buf, off, n);
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[8192];
      long skipped = 0;
      while (skipped < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }

    /** Reads to the end (a tar reader stops at its end-of-archive blocks), then the digest. */
    String drainAndDigest() throws IOException {
      byte[] buf = new byte[8192];
      while (read(buf, 0, buf.length) >= 0) {
        // hash the rest
      }
      return format(digest.digest());
    }

    long count() {
      return count;
    }
  }
}
