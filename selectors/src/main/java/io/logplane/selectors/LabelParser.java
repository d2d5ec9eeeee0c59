package io.logplane.selectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The label selector grammar of apimachinery's {@code labels.Parse}, ported token for token so
 * that what it accepts, what it rejects and the words it rejects with are the same.
 */
final class LabelParser {

  private enum Tok { ERROR, EOS, CLOSE, COMMA, NOT, DOUBLE_EQ, EQ, GT, IDENT, IN, LT, NOT_EQ, NOT_IN, OPEN }

  private record Item(Tok tok, String lit) {}

  private static final Map<String, Tok> KEYWORDS = Map.ofEntries(
      Map.entry(")", Tok.CLOSE), Map.entry(",", Tok.COMMA), Map.entry("!", Tok.NOT),
      Map.entry("==", Tok.DOUBLE_EQ), Map.entry("=", Tok.EQ), Map.entry(">", Tok.GT),
      Map.entry("in", Tok.IN), Map.entry("<", Tok.LT), Map.entry("!=", Tok.NOT_EQ),
      Map.entry("notin", Tok.NOT_IN), Map.entry("(", Tok.OPEN));

  private final List<Item> items = new ArrayList<>();
  private int position;

  private LabelParser(String s) {
    Lexer lexer = new Lexer(s);
    Item item;
    do {
      item = lexer.lex();
      items.add(item);
    } while (item.tok != Tok.EOS);
  }

  /** Parses a selector into its requirements, in the order written. */
  static List<Requirement> parse(String selector) {
    return new LabelParser(selector).requirements();
  }

  private List<Requirement> requirements() {
    List<Requirement> out = new ArrayList<>();
    while (true) {
      Item look = lookahead(true);
      switch (look.tok) {
        case IDENT, NOT -> {
          try {
            out.add(requirement());
          } catch (SelectorException e) {
            throw new SelectorException("unable to parse requirement: " + e.getMessage());
          }
          Item next = consume(true);
          if (next.tok == Tok.EOS) {
            return out;
          }
          if (next.tok != Tok.COMMA) {
            throw fail("found '" + next.lit + "', expected: ',' or 'end of string'");
          }
          Item after = lookahead(true);
          if (after.tok != Tok.IDENT && after.tok != Tok.NOT) {
            throw fail("found '" + after.lit + "', expected: identifier after ','");
          }
        }
        case EOS -> {
          return out;
        }
        default -> throw fail("found '" + look.lit + "', expected: !, identifier, or 'end of string'");
      }
    }
  }

  private Requirement requirement() {
    Operator op = null;
    Item t = consume(true);
    if (t.tok == Tok.NOT) {
      op = Operator.DOES_NOT_EXIST;
      t = consume(true);
    }
    if (t.tok != Tok.IDENT) {
      throw fail("found '" + t.lit + "', expected: identifier");
    }
    String key = t.lit;
    List<String> keyErrs = LabelValidation.keyErrors(key);
    if (!keyErrs.isEmpty()) {
      // kube validates the key against a nil field path here, which Go prints as <nil>
      throw fail(LabelValidation.invalid("<nil>", key, keyErrs));
    }
    Tok next = lookahead(true).tok;
    if (op == null && (next == Tok.EOS || next == Tok.COMMA)) {
      op = Operator.EXISTS;
    }
    if (op != null) {
      return new Requirement(key, op, List.of());
    }
    op = operator();
    List<String> values = op == Operator.IN || op == Operator.NOT_IN ? setValues() : exactValue();
    return LabelSelector.newRequirement(key, op, values);
  }

  private Operator operator() {
    Item t = consume(false);
    return switch (t.tok) {
      case IN -> Operator.IN;
      case EQ -> Operator.EQUALS;
      case DOUBLE_EQ -> Operator.DOUBLE_EQUALS;
      case GT -> Operator.GREATER_THAN;
      case LT -> Operator.LESS_THAN;
      case NOT_IN -> Operator.NOT_IN;
      case NOT_EQ -> Operator.NOT_EQUALS;
      default -> throw fail("found '" + t.lit + "', expected: in, notin, =, ==, !=, gt, lt");
    };
  }

  private List<String> setValues() {
    Item t = consume(true);
    if (t.tok != Tok.OPEN) {
      throw fail("found '" + t.lit + "' expected: '('");
    }
    Item look = lookahead(true);
    switch (look.tok) {
      case IDENT, COMMA -> {
        List<String> s = identifiers();
        if (consume(true).tok != Tok.CLOSE) {
          throw fail("found '" + look.lit + "', expected: ')'");
        }
        return s;
      }
      case CLOSE -> {
        consume(true);
        return List.of("");
      }
      default -> throw fail("found '" + look.lit + "', expected: ',', ')' or identifier");
    }
  }

  private List<String> identifiers() {
    TreeSet<String> s = new TreeSet<>();
    while (true) {
      Item t = consume(true);
      switch (t.tok) {
        case IDENT -> {
          s.add(t.lit);
          Item look = lookahead(true);
          if (look.tok == Tok.CLOSE) {
            return new ArrayList<>(s);
          }
          if (look.tok != Tok.COMMA) {
            throw fail("found '" + look.lit + "', expected: ',' or ')'");
          }
        }
        case COMMA -> {
          // an empty value between commas, or next to a parenthesis, is the empty string
          if (s.isEmpty()) {
            s.add("");
          }
          Tok look = lookahead(true).tok;
          if (look == Tok.CLOSE) {
            s.add("");
            return new ArrayList<>(s);
          }
          if (look == Tok.COMMA) {
            consume(true);
            s.add("");
          }
        }
        default -> throw fail("found '" + t.lit + "', expected: ',', or identifier");
      }
    }
  }

  private List<String> exactValue() {
    Tok look = lookahead(true).tok;
    if (look == Tok.EOS || look == Tok.COMMA) {
      return List.of("");
    }
    Item t = consume(true);
    if (t.tok == Tok.IDENT) {
      return List.of(t.lit);
    }
    throw fail("found '" + t.lit + "', expected: identifier");
  }

  /** In value position the keywords {@code in} and {@code notin} are plain identifiers. */
  private Item lookahead(boolean values) {
    return asValue(items.get(position), values);
  }

  private Item consume(boolean values) {
    return asValue(items.get(position++), values);
  }

  private static Item asValue(Item item, boolean values) {
    return values && (item.tok == Tok.IN || item.tok == Tok.NOT_IN) ? new Item(Tok.IDENT, item.lit) : item;
  }

  private static SelectorException fail(String message) {
    return new SelectorException(message);
  }

  /** Splits the input into identifiers, keywords and operator symbols. */
  private static final class Lexer {
    private final String s;
    private int pos;

    Lexer(String s) {
      this.s = s;
    }

    Item lex() {
      while (pos < s.length() && isWhitespace(s.charAt(pos))) {
        pos++;
      }
      if (pos >= s.length()) {
        return new Item(Tok.EOS, "");
      }
      return isSpecial(s.charAt(pos)) ? special() : identifier();
    }

    private Item identifier() {
      int start = pos;
      while (pos < s.length() && !isSpecial(s.charAt(pos)) && !isWhitespace(s.charAt(pos))) {
        pos++;
      }
      String lit = s.substring(start, pos);
      Tok kw = KEYWORDS.get(lit);
      return new Item(kw != null ? kw : Tok.IDENT, lit);
    }

    private Item special() {
      StringBuilder buffer = new StringBuilder();
      Item last = null;
      while (pos < s.length() && isSpecial(s.charAt(pos))) {
        buffer.append(s.charAt(pos++));
        Tok t = KEYWORDS.get(buffer.toString());
        if (t != null) {
          last = new Item(t, buffer.toString());
        } else if (last != null) {
          pos--;
          break;
        }
      }
      return last != null ? last : new Item(Tok.ERROR, "error expected: keyword found '" + buffer + "'");
    }

    private static boolean isWhitespace(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isSpecial(char c) {
      return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
    }
  }
}
