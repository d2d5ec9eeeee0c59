package io.logplane.api.select;

/** STUB until the select branch lands. */
public class SelectorException extends RuntimeException {
  public SelectorException(String m) {
    super(m);
  }
}
