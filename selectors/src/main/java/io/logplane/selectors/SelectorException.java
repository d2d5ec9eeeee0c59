package io.logplane.selectors;

/**
 * A selector that cannot be parsed or names a field the kind does not support. The message is
 * the one the kube-apiserver gives; the caller answers it as a {@code 400 BadRequest} Status.
 */
public final class SelectorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with the client-facing message. */
  public SelectorException(String message) {
    super(message);
  }

  /** The HTTP status code the API answers with: always 400. */
  public int code() {
    return 400;
  }
}
