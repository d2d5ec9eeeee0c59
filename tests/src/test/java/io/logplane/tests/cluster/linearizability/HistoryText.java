package io.logplane.tests.cluster.linearizability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a history written as text, one operation per line in the form {@link Operation#toString()}
 * prints ({@code client key call..ret input -> output}, {@code ?} for an unknown return and
 * output), so the tests state histories the way a failure explains them. Blank lines and lines
 * starting with {@code #} are skipped.
 *
 * <pre>
 * c1 x 0..10 create a -> ok 1
 * c2 x 20..30 update b if 1 -> ok 2
 * c3 x 25..? delete -> ?
 * c4 x 40..50 get -> found b 2
 * </pre>
 */
final class HistoryText {

  private HistoryText() {}

  static List<Operation> parse(String text) {
    List<Operation> ops = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        ops.add(line(l));
      }
    }
    return ops;
  }

  static Operation line(String line) {
    List<String> t = Arrays.asList(line.strip().split("\\s+"));
    int arrow = t.indexOf("->");
    if (arrow < 4 || t.get(2).indexOf("..") < 0) {
      throw new IllegalArgumentException("not [client key call..ret input -> output]: " + line);
    }
    String[] times = t.get(2).split("\\.\\.");
    long call = Long.parseLong(times[0]);
    long ret = times[1].equals("?") ? Operation.NEVER : Long.parseLong(times[1]);
    return new Operation(t.get(0), t.get(1), call, ret, input(t.subList(3, arrow), line),
        output(t.subList(arrow + 1, t.size()), line));
  }

  private static Input input(List<String> t, String line) {
    String verb = t.get(0);
    boolean conditional = t.size() >= 2 && t.get(t.size() - 2).equals("if");
    String rv = conditional ? t.get(t.size() - 1) : null;
    if (verb.equals("get") && t.size() == 1) {
      return Input.get();
    }
    if (verb.equals("create") && t.size() == 2) {
      return Input.create(t.get(1));
    }
    if (verb.equals("update") && t.size() == (conditional ? 4 : 2)) {
      return new Input.Update(t.get(1), rv);
    }
    if (verb.equals("delete") && t.size() == (conditional ? 3 : 1)) {
      return new Input.Delete(rv);
    }
    throw new IllegalArgumentException("no input " + t + " in: " + line);
  }

  private static Output output(List<String> t, String line) {
    String word = t.isEmpty() ? "" : t.get(0);
    if (word.equals("ok") && t.size() <= 2) {
      return t.size() == 2 ? Output.written(t.get(1)) : Output.deleted();
    }
    if (word.equals("found") && t.size() == 3) {
      return Output.found(t.get(1), t.get(2));
    }
    if (t.size() == 1) {
      switch (word) {
        case "notfound":
          return Output.notFound();
        case "conflict":
          return Output.conflict();
        case "exists":
          return Output.alreadyExists();
        case "?":
          return Output.unknown();
        default:
          break;
      }
    }
    throw new IllegalArgumentException("no output " + t + " in: " + line);
  }
}
