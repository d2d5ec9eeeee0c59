package io.logplane.kubeclient.internal;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Cuts a byte stream, chunk by chunk, into lines at {@code \n} (a {@code \r} before it is
 * dropped), each decoded as UTF-8. A line may span chunks; a multi-byte character may too,
 * since no byte of one is {@code \n}.
 */
final class LineSplitter {
  private byte[] partial = new byte[256];
  private int partialLength;

  /** Feeds the next chunk; each line it completes goes to {@code lines}. */
  void feed(Buffer chunk, Consumer<String> lines) {
    byte[] bytes = chunk.getBytes();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      if (partialLength == 0) {
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        lines.accept(new String(bytes, start, end - start, StandardCharsets.UTF_8));
      } else {
        append(bytes, start, i);
        lines.accept(takePartial());
      }
      start = i + 1;
    }
    append(bytes, start, bytes.length);
  }

  /** The last line when the stream ended without a line break after it, else null. */
  String finish() {
    return partialLength == 0 ? null : takePartial();
  }

  private void append(byte[] bytes, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return;
    }
    if (partialLength + n > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + n));
    }
    System.arraycopy(bytes, from, partial, partialLength, n);
    partialLength += n;
  }

  private String takePartial() {
    int n = partialLength > 0 && partial[partialLength - 1] == '\r'
        ? partialLength - 1 : partialLength;
    partialLength = 0;
    return new String(partial, 0, n, StandardCharsets.UTF_8);
  }
}
