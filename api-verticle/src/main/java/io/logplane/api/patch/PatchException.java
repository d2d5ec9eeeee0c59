package io.logplane.api.patch;

import java.util.List;

/**
 * A patch that cannot be applied, with the HTTP status a kube-apiserver answers for it:
 * 400 for a body that cannot be decoded or carries malformed directives, 422 for a JSON patch
 * whose operations do not apply to the object (kube answers {@code StatusUnprocessableEntity}
 * there, e.g. a failing {@code test} op or a missing path), 409 for server-side apply
 * conflicts, with one {@link Cause} per conflicting field.
 */
public final class PatchException extends RuntimeException {

  /** Status reason kube uses for each code, for the Status body. */
  public static final String BAD_REQUEST = "BadRequest";
  public static final String INVALID = "Invalid";
  public static final String CONFLICT = "Conflict";

  /**
   * One field-level cause of a failure (a Status {@code details.causes} entry).
   *
   * @param type    cause type, {@code FieldManagerConflict} for apply conflicts
   * @param message e.g. {@code conflict with "kubectl-client-side-apply" using apps/v1}
   * @param field   the field path, e.g. {@code .spec.replicas}
   */
  public record Cause(String type, String message, String field) {}

  private final int code;
  private final transient List<Cause> causes;

  public PatchException(int code, String message) {
    this(code, message, List.of());
  }

  public PatchException(int code, String message, List<Cause> causes) {
    super(message);
    this.code = code;
    this.causes = List.copyOf(causes);
  }

  static PatchException badRequest(String message) {
    return new PatchException(400, message);
  }

  static PatchException invalid(String message) {
    return new PatchException(422, message);
  }

  /** HTTP status code: 400, 409 or 422. */
  public int code() {
    return code;
  }

  /** The Status reason matching {@link #code()}. */
  public String reason() {
    return switch (code) {
      case 409 -> CONFLICT;
      case 422 -> INVALID;
      default -> BAD_REQUEST;
    };
  }

  /** Field-level causes; empty unless this is an apply conflict. */
  public List<Cause> causes() {
    return causes;
  }
}
