package io.logplane.api.table;

/** A table that cannot be produced: a bad {@code includeObject} value or column definition. */
public final class TableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int code;

  /** Creates the exception with the HTTP status code and client-facing message. */
  public TableException(int code, String message) {
    super(message);
    this.code = code;
  }

  /** The HTTP status code to answer with (400 for a bad request parameter). */
  public int code() {
    return code;
  }
}
