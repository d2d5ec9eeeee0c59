package io.logplane.api.validation;

import io.logplane.api.http.ApiException;
import io.logplane.api.validation.internal.GoValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The field errors found in one object, as Kubernetes' {@code field.ErrorList}: each becomes a
 * cause of the 422 Status, with the reason ({@code FieldValueInvalid}, ...) and the message body
 * ({@code Invalid value: "x": detail}) kube-apiserver writes, values printed as Go prints them.
 */
public final class FieldErrors {

  private final List<ApiException.Cause> causes = new ArrayList<>();

  /** A value that must be given; {@code detail} may be null. */
  public FieldErrors required(String path, String detail) {
    return add("FieldValueRequired", "Required value", detail, path);
  }

  public FieldErrors invalid(String path, Object value, String detail) {
    return add("FieldValueInvalid", "Invalid value: " + GoValues.render(value), detail, path);
  }

  /** An invalid value whose message another rule made whole (an admission plugin's). */
  public FieldErrors invalidMessage(String path, String message) {
    causes.add(new ApiException.Cause("FieldValueInvalid", message, path));
    return this;
  }

  /** An invalid value not shown (kube's {@code field.OmitValueType}): the rule is about the whole. */
  public FieldErrors invalidOmitted(String path, String detail) {
    return add("FieldValueInvalid", "Invalid value", detail, path);
  }

  /** A value outside an enumeration; the supported values are listed in the given order. */
  public FieldErrors notSupported(String path, Object value, Collection<String> supported) {
    String detail = null;
    if (supported != null && !supported.isEmpty()) {
      StringBuilder b = new StringBuilder("supported values: ");
      int i = 0;
      for (String s : supported) {
        b.append(i++ > 0 ? ", " : "").append(GoValues.quote(s));
      }
      detail = b.toString();
    }
    return add("FieldValueNotSupported", "Unsupported value: " + GoValues.render(value), detail, path);
  }

  public FieldErrors duplicate(String path, Object value) {
    return add("FieldValueDuplicate", "Duplicate value: " + GoValues.render(value), null, path);
  }

  /** A reference to something that is not there (a volume mount naming no volume). */
  public FieldErrors notFound(String path, Object value) {
    return add("FieldValueNotFound", "Not found: " + GoValues.render(value), null, path);
  }

  public FieldErrors forbidden(String path, String detail) {
    return add("FieldValueForbidden", "Forbidden", detail, path);
  }

  /** Too long a value; like kube-apiserver the message does not repeat the value. */
  public FieldErrors tooLong(String path, Object value, int max) {
    return add("FieldValueTooLong", "Too long", "must have at most " + max + " bytes", path);
  }

  public FieldErrors tooMany(String path, int actual, int max) {
    return add("FieldValueTooMany", "Too many: " + actual, "must have at most " + max + " items", path);
  }

  /** Adds every error of another list (a shared validator's) after these. */
  public FieldErrors addAll(FieldErrors other) {
    causes.addAll(other.causes);
    return this;
  }

  public boolean isEmpty() {
    return causes.isEmpty();
  }

  public int size() {
    return causes.size();
  }

  public List<ApiException.Cause> causes() {
    return List.copyOf(causes);
  }

  /**
   * The 422 Status of these errors for an object, message as apimachinery's NewInvalid writes it:
   * {@code Kind.group "name" is invalid: field: body} (several in brackets, repeats once).
   */
  public ApiException toException(String group, String kind, String name) {
    String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
    Set<String> lines = new LinkedHashSet<>();
    for (ApiException.Cause c : causes) {
      lines.add(c.field() + ": " + c.message());
    }
    StringBuilder msg = new StringBuilder(qualified + " " + GoValues.quote(name) + " is invalid");
    if (!lines.isEmpty()) {
      msg.append(": ").append(lines.size() == 1 ? lines.iterator().next() : "[" + String.join(", ", lines) + "]");
    }
    return new ApiException(422, "Invalid", msg.toString(), name == null || name.isEmpty() ? null : name, group,
        kind, causes);
  }

  private FieldErrors add(String reason, String head, String detail, String path) {
    String message = detail == null || detail.isEmpty() ? head : head + ": " + detail;
    causes.add(new ApiException.Cause(reason, message, path));
    return this;
  }
}
