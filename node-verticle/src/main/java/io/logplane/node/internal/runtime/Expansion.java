package io.logplane.node.internal.runtime;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Kubernetes' {@code $(VAR)} expansion of command, args and env values: {@code $(NAME)} becomes
 * the variable's value, {@code $$} an escaped {@code $}; a reference to an undefined variable,
 * an unclosed {@code $(} and any other {@code $} are left as written.
 */
public final class Expansion {

  private Expansion() {}

  /** Looks a name up in the maps in turn; a name none has maps to its reference, unexpanded. */
  @SafeVarargs
  public static UnaryOperator<String> mapping(Map<String, String>... contexts) {
    return name -> {
      for (Map<String, String> vars : contexts) {
        String value = vars.get(name);
        if (value != null) {
          return value;
        }
      }
      return "$(" + name + ")";
    };
  }

  public static String expand(String input, UnaryOperator<String> mapping) {
    StringBuilder out = new StringBuilder(input.length());
    int checkpoint = 0;
    for (int cursor = 0; cursor < input.length(); cursor++) {
      if (input.charAt(cursor) != '$' || cursor + 1 >= input.length()) {
        continue;
      }
      out.append(input, checkpoint, cursor);
      char next = input.charAt(cursor + 1);
      int advance = 1;
      if (next == '$') {
        out.append('$');
      } else if (next == '(') {
        int closer = input.indexOf(')', cursor + 2);
        if (closer < 0) {
          out.append("$(");
        } else {
          out.append(mapping.apply(input.substring(cursor + 2, closer)));
          advance = closer - cursor;
        }
      } else {
        out.append('$').append(next);
      }
      cursor += advance;
      checkpoint = cursor + 1;
    }
    return out.append(input, checkpoint, input.length()).toString();
  }
}
