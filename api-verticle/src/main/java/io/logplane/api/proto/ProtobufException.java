package io.logplane.api.proto;

/**
 * A protobuf body that cannot be turned into JSON: malformed bytes (400) or a kind that has no
 * protobuf message (415, as the Kubernetes API server answers for custom resources); or a JSON
 * object that has no protobuf form (406).
 */
public final class ProtobufException extends Exception {

  /** HTTP status for a body that does not parse. */
  public static final int BAD_REQUEST = 400;
  /** HTTP status for an object that cannot be answered in protobuf (answer JSON instead). */
  public static final int NOT_ACCEPTABLE = 406;
  /** HTTP status for a well-formed envelope whose kind has no protobuf form. */
  public static final int UNSUPPORTED_MEDIA_TYPE = 415;

  private final int code;

  ProtobufException(int code, String message) {
    super(message);
    this.code = code;
  }

  ProtobufException(int code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The HTTP status code the API answers with. */
  public int code() {
    return code;
  }
}
