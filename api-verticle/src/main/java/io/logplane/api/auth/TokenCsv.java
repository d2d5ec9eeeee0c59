package io.logplane.api.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes kube's static token file: one CSV record per line, {@code
 * token,user,uid[,"group1,group2"]}, fields quoted when they hold a comma or a quote (a quote
 * inside a quoted field doubled), as Go's {@code encoding/csv} does.
 */
final class TokenCsv {

  /** One line of the file. */
  record Entry(String token, String user, String uid, List<String> groups) {}

  private TokenCsv() {}

  /**
   * Parses the whole file; blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line when a record is malformed
   */
  static List<Entry> parse(String text) {
    List<Entry> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      List<String> f = fields(lines[i], i + 1);
      if (f.size() < 3) {
        throw new IllegalArgumentException("line " + (i + 1) + ": want token,user,uid[,groups]");
      }
      String token = f.get(0).trim();
      String user = f.get(1).trim();
      if (token.isEmpty() || user.isEmpty()) {
        throw new IllegalArgumentException("line " + (i + 1) + ": empty token or user");
      }
      List<String> groups = new ArrayList<>();
      if (f.size() >= 4) {
        for (String g : f.get(3).split(",")) {
          if (!g.isBlank()) {
            groups.add(g.trim());
          }
        }
      }
      out.add(new Entry(token, user, f.get(2).trim(), List.copyOf(groups)));
    }
    return out;
  }

  static String format(List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries) {
      sb.append(quote(e.token())).append(',').append(quote(e.user())).append(',')
          .append(quote(e.uid())).append(',').append(quote(String.join(",", e.groups())))
          .append('\n');
    }
    return sb.toString();
  }

  private static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  private static List<String> fields(String line, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("line " + lineNo + ": unterminated quote");
    }
    out.add(cur.toString());
    return out;
  }
}
