package io.logplane.launcher.history;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff by longest common subsequence, printed as unified diff hunks. Common leading
 * and trailing lines are cut first, so the quadratic table covers only the changed middle;
 * past {@value #MAX_CELLS} cells the middle is shown as replaced whole instead.
 */
public final class LineDiff {

  static final long MAX_CELLS = 4_000_000;

  /** One line of the edit script: {@code ' '} kept, {@code '-'} removed, {@code '+'} added. */
  public record Line(char op, String text, int oldLine, int newLine) {}

  private LineDiff() {}

  /** The edit script turning a into b. Line numbers are 1-based, 0 where the line is absent. */
  public static List<Line> diff(List<String> a, List<String> b) {
    int pre = 0;
    while (pre < a.size() && pre < b.size() && a.get(pre).equals(b.get(pre))) {
      pre++;
    }
    int suf = 0;
    while (suf < a.size() - pre && suf < b.size() - pre
        && a.get(a.size() - 1 - suf).equals(b.get(b.size() - 1 - suf))) {
      suf++;
    }
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < pre; i++) {
      out.add(new Line(' ', a.get(i), i + 1, i + 1));
    }
    middle(a.subList(pre, a.size() - suf), b.subList(pre, b.size() - suf), pre, out);
    for (int i = suf; i > 0; i--) {
      out.add(new Line(' ', a.get(a.size() - i), a.size() - i + 1, b.size() - i + 1));
    }
    return out;
  }

  private static void middle(List<String> a, List<String> b, int base, List<Line> out) {
    int n = a.size();
    int m = b.size();
    if ((long) n * m > MAX_CELLS) {
      for (int i = 0; i < n; i++) {
        out.add(new Line('-', a.get(i), base + i + 1, 0));
      }
      for (int j = 0; j < m; j++) {
        out.add(new Line('+', b.get(j), 0, base + j + 1));
      }
      return;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        out.add(new Line(' ', a.get(i), base + ++i, base + ++j));
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add(new Line('-', a.get(i), base + ++i, 0));
      } else {
        out.add(new Line('+', b.get(j), 0, base + ++j));
      }
    }
  }

  /**
   * The unified diff of a and b: {@code @@ -l,s +l,s @@} hunks with {@code context} lines
   * around each change; empty when they are equal.
   */
  public static List<String> unified(List<String> a, List<String> b, int context) {
    List<Line> script = diff(a, b);
    List<String> out = new ArrayList<>();
    int k = 0;
    while (k < script.size()) {
      if (script.get(k).op() == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - context);
      int end = k;
      // extend the hunk while the next change is within 2 * context kept lines
      while (end < script.size()) {
        int next = end;
        while (next < script.size() && script.get(next).op() != ' ') {
          next++;
        }
        int gap = next;
        while (gap < script.size() && script.get(gap).op() == ' ') {
          gap++;
        }
        if (gap < script.size() && gap - next <= 2 * context) {
          end = gap;
        } else {
          end = Math.min(script.size(), next + context);
          break;
        }
      }
      out.add(header(script, start, end, a.size(), b.size()));
      for (int x = start; x < end; x++) {
        out.add(script.get(x).op() + script.get(x).text());
      }
      k = end;
    }
    return out;
  }

  private static String header(List<Line> script, int start, int end, int aSize, int bSize) {
    int oldCount = 0;
    int newCount = 0;
    int oldStart = -1;
    int newStart = -1;
    for (int x = start; x < end; x++) {
      Line l = script.get(x);
      if (l.op() != '+') {
        oldCount++;
        oldStart = oldStart < 0 ? l.oldLine() : oldStart;
      }
      if (l.op() != '-') {
        newCount++;
        newStart = newStart < 0 ? l.newLine() : newStart;
      }
    }
    return "@@ -" + range(oldStart, oldCount, script, start, true) + " +"
        + range(newStart, newCount, script, start, false) + " @@";
  }

  /** {@code l,s}; an empty side names the line before it, as diff -u does. */
  private static String range(int first, int count, List<Line> script, int start, boolean old) {
    if (count == 0) {
      int before = 0;
      for (int x = start - 1; x >= 0 && before == 0; x--) {
        before = old ? script.get(x).oldLine() : script.get(x).newLine();
      }
      return before + ",0";
    }
    return count == 1 ? Integer.toString(first) : first + "," + count;
  }
}
