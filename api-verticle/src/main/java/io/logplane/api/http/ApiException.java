package io.logplane.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import java.util.List;

/**
 * An expected failure of a request, answered as a Kubernetes {@code Status}. Thrown anywhere in
 * request handling; mapped to a response in one place.
 */
public final class ApiException extends RuntimeException {

  /** One field-level cause of a 422 (or other) Status. */
  public record Cause(String reason, String message, String field) {}

  private final int code;
  private final String reason;
  private final String name;
  private final String group;
  private final String kind;
  private final List<Cause> causes;
  private boolean inLog;
  private long retryAfterSeconds;

  public ApiException(int code, String reason, String message, String name, String group, String kind,
      List<Cause> causes) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.name = name;
    this.group = group;
    this.kind = kind;
    this.causes = causes == null ? List.of() : List.copyOf(causes);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null, null, null, null);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "NotFound", message, null, null, null, null);
  }

  public static ApiException of(int code, String reason, String message) {
    return new ApiException(code, reason, message, null, null, null, null);
  }

  /**
   * A 429: the server pushes back and the client may send the same request again after the
   * given seconds (the {@code Retry-After} header and {@code details.retryAfterSeconds}, as
   * kube-apiserver answers; client-go waits and retries by itself).
   */
  public static ApiException tooManyRequests(String message, long retryAfterSeconds) {
    ApiException e = of(429, "TooManyRequests", message);
    e.retryAfterSeconds = retryAfterSeconds;
    return e;
  }

  /** The seconds after which the request may be sent again, or 0 when that is not for this failure to say. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** Marks a failure decided by apply() on a record already in the log. */
  public ApiException inLog() {
    this.inLog = true;
    return this;
  }

  /** True when the log already records this failure (no Refused record is needed). */
  public boolean isInLog() {
    return inLog;
  }

  /** The {@code meta/v1 Status} body. */
  public ObjectNode status() {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure").put("message", getMessage());
    if (reason != null && !reason.isEmpty()) {
      s.put("reason", reason); // kube omits the empty reason (Unknown) of an error it did not type
    }
    if (name != null || kind != null || !causes.isEmpty() || retryAfterSeconds > 0) {
      ObjectNode d = s.putObject("details");
      if (name != null) {
        d.put("name", name);
      }
      if (group != null && !group.isEmpty()) {
        d.put("group", group);
      }
      if (kind != null) {
        d.put("kind", kind);
      }
      if (!causes.isEmpty()) {
        var list = d.putArray("causes");
        for (Cause c : causes) {
          ObjectNode n = list.addObject();
          if (c.reason() != null) {
            n.put("reason", c.reason()); // kube's admission plugins give a cause of a message alone
          }
          n.put("message", c.message());
          if (c.field() != null) {
            n.put("field", c.field());
          }
        }
      }
      if (retryAfterSeconds > 0) {
        d.put("retryAfterSeconds", retryAfterSeconds);
      }
    }
    s.put("code", code);
    return s;
  }
}
