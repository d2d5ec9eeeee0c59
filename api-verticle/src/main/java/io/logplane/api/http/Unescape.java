package io.logplane.api.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one component of a query string as a form does ({@code %XX} escapes, {@code +} for
 * a space), refusing what a lenient decoder would guess at: a {@code %} not followed by two hex
 * digits, and bytes that are not UTF-8.
 */
final class Unescape {

  private Unescape() {}

  /**
   * @param raw   the component as sent
   * @param param the parameter it belongs to, named by the 400 when it does not decode
   */
  static String component(String raw, String param) {
    if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw Query.invalid(param, raw, "malformed percent-escape at character " + (i + 1)
              + " (a % must be followed by two hex digits)");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw Query.invalid(param, raw, "the escaped bytes are not UTF-8");
    }
  }
}
