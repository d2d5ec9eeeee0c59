package io.logplane.api.certificates;

import io.logplane.api.validation.GoBase64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PEM blocks read as Go's {@code encoding/pem.Decode} reads them, since kube's rules for
 * {@code spec.request} and {@code status.certificate} are stated in its terms: text before a
 * block is skipped, a block whose end line or base64 body is wrong is passed over (the search
 * goes on after its BEGIN line), headers ({@code Key: value} lines) are kept.
 */
final class PemBlocks {

  /** One block: its type (the word after BEGIN), headers and decoded body. */
  record Block(String type, Map<String, String> headers, byte[] bytes) {}

  /** A block and the bytes after it, or no block (then {@code rest} is the whole input). */
  record Decoded(Block block, byte[] rest) {}

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private PemBlocks() {}

  /** Every block in {@code data}, in order, as repeated Go pem.Decode calls find them. */
  static List<Block> all(byte[] data) {
    List<Block> out = new ArrayList<>();
    for (Decoded d = decode(data); d.block() != null; d = decode(d.rest())) {
      out.add(d.block());
    }
    return out;
  }

  /** The first block in {@code data}, as Go's pem.Decode finds it. */
  static Decoded decode(byte[] data) {
    // ISO-8859-1 maps each byte to one char, so indexes are byte offsets
    String s = new String(data, StandardCharsets.ISO_8859_1);
    int at = 0;
    while (true) {
      int begin;
      if (s.startsWith(BEGIN, at)) {
        begin = at + BEGIN.length();
      } else {
        int i = s.indexOf("\n" + BEGIN, at);
        if (i < 0) {
          return new Decoded(null, data);
        }
        begin = i + 1 + BEGIN.length();
      }
      int[] line = line(s, begin);
      at = line[2];
      String typeLine = s.substring(begin, line[1]);
      if (!typeLine.endsWith(DASHES)) {
        continue;
      }
      String type = typeLine.substring(0, typeLine.length() - DASHES.length());
      Map<String, String> headers = new LinkedHashMap<>();
      int body = at;
      boolean truncated = false;
      while (true) {
        if (body >= s.length()) {
          truncated = true;
          break;
        }
        int[] h = line(s, body);
        String text = s.substring(body, h[1]);
        int colon = text.indexOf(':');
        if (colon < 0) {
          break;
        }
        headers.put(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
        body = h[2];
      }
      if (truncated) {
        return new Decoded(null, data);
      }
      at = body;
      int endIndex;
      int trailer;
      if (headers.isEmpty() && s.startsWith(END, body)) {
        endIndex = body;
        trailer = body + END.length();
      } else {
        endIndex = s.indexOf("\n" + END, body);
        trailer = endIndex + 1 + END.length();
      }
      if (endIndex < 0 || s.length() - trailer < type.length() + DASHES.length()) {
        continue;
      }
      int trailerEnd = trailer + type.length() + DASHES.length();
      if (!s.startsWith(type, trailer) || !s.startsWith(DASHES, trailerEnd - DASHES.length())) {
        continue;
      }
      int[] after = line(s, trailerEnd);
      if (after[1] != trailerEnd) {
        continue;
      }
      String base64 = s.substring(body, endIndex).replace(" ", "").replace("\t", "");
      if (GoBase64.errorOffset(base64).isPresent()) {
        continue;
      }
      byte[] bytes = Base64.getMimeDecoder().decode(base64);
      byte[] rest = s.substring(after[2]).getBytes(StandardCharsets.ISO_8859_1);
      return new Decoded(new Block(type, headers, bytes), rest);
    }
  }

  /**
   * Go's getLine from {@code from}: {start, end of the line without its CR and trailing blanks,
   * start of the next line}.
   */
  private static int[] line(String s, int from) {
    int nl = s.indexOf('\n', from);
    int next = nl < 0 ? s.length() : nl + 1;
    int end = nl < 0 ? s.length() : nl;
    if (nl > from && s.charAt(nl - 1) == '\r') {
      end--;
    }
    while (end > from && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return new int[] {from, end, next};
  }

  /** A PEM block of {@code type} with the body in lines of 64, as Go's pem.Encode writes it. */
  static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return BEGIN + type + DASHES + "\n" + (body.isEmpty() ? "" : body + "\n") + END + type + DASHES + "\n";
  }
}
