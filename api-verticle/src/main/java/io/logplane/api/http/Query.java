package io.logplane.api.http;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of a request, decoded once and strictly: a malformed percent-escape or
 * bytes that are not UTF-8 are a 400 naming the parameter, never a decoder's exception. Every
 * handler reads its parameters through the typed getters here, so a value a client got wrong
 * is answered the same way everywhere: {@code <parameter>: Invalid value: "<value>": <why>}.
 */
public final class Query {

  private static final String KEY = Query.class.getName();
  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  private final Map<String, List<String>> params;

  private Query(Map<String, List<String>> params) {
    this.params = params;
  }

  /** The request's parameters, decoded at the first call and kept on the context. */
  public static Query of(RoutingContext ctx) {
    Query q = ctx.get(KEY);
    if (q == null) {
      q = parse(ctx.request().query());
      ctx.put(KEY, q);
    }
    return q;
  }

  /**
   * Decodes a raw query string ({@code a=1&b=%20x}; {@code +} is a space).
   *
   * @throws ApiException 400 naming the first parameter that does not decode
   */
  public static Query parse(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String rawName = eq < 0 ? pair : pair.substring(0, eq);
        String name = Unescape.component(rawName, rawName);
        String value = eq < 0 ? "" : Unescape.component(pair.substring(eq + 1), name);
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    return new Query(params);
  }

  /** The first value of a parameter, or null when absent. */
  public String get(String name) {
    List<String> v = params.get(name);
    return v == null ? null : v.get(0);
  }

  /** Every value of a parameter, in the order given; empty when absent. */
  public List<String> getAll(String name) {
    return params.getOrDefault(name, List.of());
  }

  /** The names of the parameters present. */
  public Set<String> names() {
    return params.keySet();
  }

  /**
   * A boolean option of a Kubernetes API request, as kube-apiserver converts its query into
   * ListOptions, PodLogOptions, PodExecOptions, PatchOptions and the others
   * ({@code runtime.Convert_Slice_string_To_bool}): false when absent, {@code 0} or {@code false}
   * in any case; any other value, even empty or {@code yes}, is true. Never a 400.
   */
  public boolean option(String name) {
    String v = get(name);
    return v != null && !v.equals("0") && !v.equalsIgnoreCase("false");
  }

  /** An option whose absence is not false ({@code *bool}, as sendInitialEvents): null when absent. */
  public Boolean optional(String name) {
    return get(name) == null ? null : option(name);
  }

  /**
   * A boolean of Logplane's own APIs (history), as Go's strconv.ParseBool reads it; {@code
   * fallback} when absent or empty, a 400 for anything else.
   */
  public boolean bool(String name, boolean fallback) {
    String v = get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    if (TRUE.contains(v)) {
      return true;
    }
    if (FALSE.contains(v)) {
      return false;
    }
    throw invalid(name, v, "a boolean is one of 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False");
  }

  /** A decimal 64-bit integer; {@code fallback} when absent or empty. */
  public long integer(String name, long fallback) {
    String v = get(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid(name, v, "must be a decimal integer");
    }
  }

  /** One of the allowed values; null when absent or empty. */
  public String oneOf(String name, List<String> allowed) {
    String v = get(name);
    if (v == null || v.isEmpty() || allowed.contains(v)) {
      return v == null || v.isEmpty() ? null : v;
    }
    throw unsupported(name, v, allowed);
  }

  /** A 400 naming the parameter and its value. */
  public static ApiException invalid(String name, String value, String why) {
    return bad(name, "FieldValueInvalid", name + ": Invalid value: \"" + shown(value) + "\": " + why);
  }

  /** A 400 listing the values the parameter takes. */
  public static ApiException unsupported(String name, String value, List<String> allowed) {
    return bad(name, "FieldValueNotSupported", name + ": Unsupported value: \"" + shown(value)
        + "\": supported values: \"" + String.join("\", \"", allowed) + "\"");
  }

  /** A 400 for a parameter this endpoint does not take, with why. */
  public static ApiException forbidden(String name, String why) {
    return bad(name, "FieldValueForbidden", name + ": Forbidden: " + why);
  }

  private static ApiException bad(String name, String reason, String message) {
    return new ApiException(400, "BadRequest", message, null, null, null,
        List.of(new ApiException.Cause(reason, message, name)));
  }

  /** A value as a message shows it: long ones cut, so that a Status stays readable. */
  static String shown(String value) {
    return value.length() > 200 ? value.substring(0, 199) + "…" : value;
  }
}
