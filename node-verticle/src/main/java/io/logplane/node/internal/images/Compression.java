package io.logplane.node.internal.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * A layer or archive stream as a plain tar, whatever it was compressed with: gzip or nothing,
 * told by its first bytes (docker archives hold plain tars, registries gzip; OCI media types
 * say the same). zstd layers fail loudly: nothing here decompresses them.
 */
final class Compression {

  private Compression() {}

  static InputStream tar(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 65536);
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return new GZIPInputStream(in, 65536);
    }
    if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
        && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
      throw new IOException("zstd-compressed layers are not supported");
    }
    return in;
  }
}
