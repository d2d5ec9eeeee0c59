package io.logplane.node.internal.streams;

import java.util.List;
import java.util.Map;

/**
 * The options of an exec or attach on the node's server, as the kubelet's
 * {@code remotecommand.NewOptions} reads them: a stream is asked with {@code 1} only
 * ({@code input}, {@code output}, {@code error}, {@code tty}); with a terminal there is no
 * separate stderr; at least one stream must be asked.
 */
public record ExecOptions(List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {

  /** Thrown for options the kubelet refuses, with its words (a 400). */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads the options from the query's parameters ({@code command} repeated). */
  public static ExecOptions parse(Map<String, List<String>> query) throws Invalid {
    boolean tty = one(query, "tty");
    boolean stdin = one(query, "input");
    boolean stdout = one(query, "output");
    boolean stderr = one(query, "error") && !tty;
    if (!stdin && !stdout && !stderr) {
      throw new Invalid("you must specify at least 1 of stdin, stdout, stderr");
    }
    return new ExecOptions(List.copyOf(query.getOrDefault("command", List.of())), stdin, stdout, stderr, tty);
  }

  private static boolean one(Map<String, List<String>> query, String name) {
    List<String> v = query.get(name);
    return v != null && !v.isEmpty() && v.get(0).equals("1");
  }
}
