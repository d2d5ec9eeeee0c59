package io.logplane.launcher.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

  private static List<String> lines(String s) {
    return s.isEmpty() ? List.of() : List.of(s.split(" "));
  }

  @Test
  void equalInputsHaveNoHunks() {
    assertTrue(LineDiff.unified(lines("a b c"), lines("a b c"), 3).isEmpty());
  }

  @Test
  void aChangedLineIsOneHunkWithContext() {
    assertEquals(List.of("@@ -2,6 +2,6 @@", " b", " c", " d", "-e", "+E", " f", " g"),
        LineDiff.unified(lines("a b c d e f g"), lines("a b c d E f g"), 3));
  }

  @Test
  void addedToEmptyStartsAtLineZero() {
    assertEquals(List.of("@@ -0,0 +1,2 @@", "+x", "+y"), LineDiff.unified(List.of(), lines("x y"), 3));
  }

  @Test
  void removedLinesOnly() {
    assertEquals(List.of("@@ -1,3 +1,2 @@", " a", "-b", " c"), LineDiff.unified(lines("a b c"), lines("a c"), 3));
  }

  @Test
  void distantChangesMakeSeparateHunksAndNearOnesMerge() {
    List<String> a = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      a.add("l" + i);
    }
    List<String> far = new ArrayList<>(a);
    far.set(1, "X");
    far.set(17, "Y");
    List<String> hunks = LineDiff.unified(a, far, 2);
    assertEquals(2, hunks.stream().filter(h -> h.startsWith("@@")).count());
    assertEquals("@@ -1,4 +1,4 @@", hunks.get(0));
    assertEquals("@@ -16,5 +16,5 @@", hunks.get(6));
    List<String> near = new ArrayList<>(a);
    near.set(1, "X");
    near.set(5, "Y");
    assertEquals(1, LineDiff.unified(a, near, 2).stream().filter(h -> h.startsWith("@@")).count());
  }

  @Test
  void theScriptIsALongestCommonSubsequence() {
    List<LineDiff.Line> script = LineDiff.diff(lines("a b c a b b a"), lines("c b a b a c"));
    assertEquals(4, script.stream().filter(l -> l.op() == ' ').count());
    List<String> rebuilt = script.stream().filter(l -> l.op() != '-').map(LineDiff.Line::text).toList();
    assertEquals(lines("c b a b a c"), rebuilt);
    List<String> original = script.stream().filter(l -> l.op() != '+').map(LineDiff.Line::text).toList();
    assertEquals(lines("a b c a b b a"), original);
  }
}
