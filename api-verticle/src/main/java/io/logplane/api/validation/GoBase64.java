package io.logplane.api.validation;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Where Go's {@code base64.StdEncoding} (the decoder of {@code []byte} JSON fields) stops on a
 * string: the byte offset of its {@code illegal base64 data at input byte N}, or empty when the
 * string decodes. Newlines are skipped as there; padding is required.
 */
public final class GoBase64 {

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private GoBase64() {}

  public static OptionalInt errorOffset(String text) {
    byte[] src = text.getBytes(StandardCharsets.UTF_8);
    int si = 0;
    while (true) {
      int j = 0;
      boolean end = false;
      for (; j < 4; j++) {
        if (si == src.length) {
          if (j == 0) {
            return OptionalInt.empty();
          }
          return OptionalInt.of(si - j);
        }
        byte in = src[si++];
        if (ALPHABET.indexOf(in) >= 0 && in != 0) {
          continue;
        }
        if (in == '\n' || in == '\r') {
          j--;
          continue;
        }
        if (in != '=') {
          return OptionalInt.of(si - 1);
        }
        if (j < 2) {
          return OptionalInt.of(si - 1);
        }
        if (j == 2) {
          si = skipNewlines(src, si);
          if (si == src.length) {
            return OptionalInt.of(src.length);
          }
          if (src[si] != '=') {
            return OptionalInt.of(si - 1);
          }
          si++;
        }
        si = skipNewlines(src, si);
        if (si < src.length) {
          return OptionalInt.of(si);
        }
        end = true;
        break;
      }
      if (end) {
        return OptionalInt.empty();
      }
    }
  }

  private static int skipNewlines(byte[] src, int si) {
    while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
      si++;
    }
    return si;
  }
}
