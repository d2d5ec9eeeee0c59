package io.logplane.selectors;

/** The operators of a label requirement, with the spelling the selector syntax uses. */
public enum Operator {
  IN("in"),
  NOT_IN("notin"),
  EQUALS("="),
  DOUBLE_EQUALS("=="),
  NOT_EQUALS("!="),
  GREATER_THAN("gt"),
  LESS_THAN("lt"),
  EXISTS("exists"),
  DOES_NOT_EXIST("!");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in kube's error messages ({@code in}, {@code ==}, {@code gt}...). */
  public String symbol() {
    return symbol;
  }
}
