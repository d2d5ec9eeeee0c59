package io.logplane.tests.cluster.linearizability;

/**
 * One call of one client on one object, as the client saw it: sent at {@code call}, answered at
 * {@code ret}, with what it asked and what came back. Times are readings of one monotonic clock
 * (System.nanoTime), so the order of a return and a later call is the order they happened in.
 *
 * <p>An operation whose outcome is unknown has {@code ret == NEVER} and an {@link Output.Unknown}
 * output: it may have taken effect at any point after its call, or not at all.
 *
 * <p>{@link #toString()} is the line of a history's text form,
 * {@code client key call..ret input -> output}, e.g. {@code c1 configmaps/default/x 10..25 update
 * b if 7 -> ok 9}, so an explanation of a failure can be pasted into a unit test.
 *
 * @param client who made the call (a thread, a connection)
 * @param key    the object, e.g. {@code configmaps/default/x}; histories are checked per key
 * @param call   when the request was sent
 * @param ret    when the answer came, or {@link #NEVER}
 * @param input  the request
 * @param output the answer
 */
public record Operation(String client, String key, long call, long ret, Input input, Output output) {

  /** The return time of an operation whose outcome is unknown. */
  public static final long NEVER = Long.MAX_VALUE;

  public Operation {
    requireWord(client, "client");
    requireWord(key, "key");
    if (input == null || output == null) {
      throw new IllegalArgumentException("an operation needs an input and an output");
    }
    if (ret < call) {
      throw new IllegalArgumentException("returned at " + ret + " before its call at " + call + ": " + input);
    }
    if ((ret == NEVER) != (output instanceof Output.Unknown)) {
      throw new IllegalArgumentException("an unknown outcome and a return time of NEVER go together, got ret "
          + ret + " with " + output);
    }
    if (!output.answers(input)) {
      throw new IllegalArgumentException("no server answers " + input + " with " + output);
    }
  }

  /** An operation that was answered. */
  public static Operation of(String client, String key, long call, long ret, Input input, Output output) {
    return new Operation(client, key, call, ret, input, output);
  }

  /** An operation that got no answer: it may have taken effect at any point after {@code call}, or not. */
  public static Operation unknown(String client, String key, long call, Input input) {
    return new Operation(client, key, call, NEVER, input, Output.unknown());
  }

  /** Whether the client never learned the outcome. */
  public boolean isUnknown() {
    return ret == NEVER;
  }

  @Override
  public String toString() {
    return describe(0);
  }

  /** The text line with times counted from {@code origin}, to keep nanoTime readings short. */
  public String describe(long origin) {
    String end = isUnknown() ? "?" : Long.toString(ret - origin);
    return client + " " + key + " " + (call - origin) + ".." + end + " " + input + " -> " + output;
  }

  /**
   * Clients, keys, values and resourceVersions are separated by spaces in the text form, so one
   * with a space (or none at all) is refused where it is made rather than misread later.
   */
  static void requireWord(String s, String what) {
    if (s == null || s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(what + " must be a non-empty word, got [" + s + "]");
    }
  }
}
