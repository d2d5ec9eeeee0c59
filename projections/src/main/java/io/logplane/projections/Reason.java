package io.logplane.projections;

/** Why apply() rejected a record; the API maps each to a Kubernetes Status once. */
public enum Reason {
  ALREADY_EXISTS(409, "AlreadyExists"),
  CONFLICT(409, "Conflict"),
  NOT_FOUND(404, "NotFound"),
  FORBIDDEN(403, "Forbidden"),
  INVALID(422, "Invalid"),
  BAD_REQUEST(400, "BadRequest"),
  TOO_MANY_REQUESTS(429, "TooManyRequests"),
  INTERNAL_ERROR(500, "InternalError");

  public final int code;
  public final String status;

  /** The reason with this Status reason text; INVALID when none matches. */
  public static Reason ofStatus(String status) {
    for (Reason r : values()) {
      if (r.status.equals(status)) {
        return r;
      }
    }
    return INVALID;
  }

  Reason(int code, String status) {
    this.code = code;
    this.status = status;
  }
}
