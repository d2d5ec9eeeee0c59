package io.logplane.node.internal.server;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * One line of a CRI log ({@code 2016-10-06T00:17:09.669794202Z stdout P text}), as the kubelet's
 * {@code parseCRILog} reads it: the time with its offset, the stream, whether the line is a part
 * of a longer one ({@code P}; its newline is not the text's), and the text (with its newline for
 * a full line).
 */
record CriLine(OffsetDateTime time, String stream, boolean partial, byte[] text) {

  /** Thrown for a line that is not in the CRI format; the kubelet skips such lines. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Whether the text ends a line of the container's output. */
  boolean endsLine() {
    return text.length == 0 || text[text.length - 1] == '\n';
  }

  static CriLine parse(byte[] line) throws Malformed {
    int t = indexOf(line, 0);
    if (t < 0) {
      throw new Malformed("timestamp is not found");
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(new String(line, 0, t, StandardCharsets.US_ASCII),
          DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new Malformed("unexpected timestamp format: " + e.getMessage());
    }
    int s = indexOf(line, t + 1);
    if (s < 0) {
      throw new Malformed("stream type is not found");
    }
    String stream = new String(line, t + 1, s - t - 1, StandardCharsets.US_ASCII);
    if (!stream.equals("stdout") && !stream.equals("stderr")) {
      throw new Malformed("unexpected stream type " + stream);
    }
    int g = indexOf(line, s + 1);
    if (g < 0) {
      throw new Malformed("log tag is not found");
    }
    // Tags are kept forward compatible: "P:more" is a partial line too.
    String tags = new String(line, s + 1, g - s - 1, StandardCharsets.US_ASCII);
    boolean partial = tags.split(":", -1)[0].equals("P");
    int end = line.length;
    if (partial && end > g + 1 && line[end - 1] == '\n') {
      end--;
    }
    return new CriLine(time, stream, partial, Arrays.copyOfRange(line, g + 1, end));
  }

  private static int indexOf(byte[] line, int from) {
    for (int i = from; i < line.length; i++) {
      if (line[i] == ' ') {
        return i;
      }
    }
    return -1;
  }
}
