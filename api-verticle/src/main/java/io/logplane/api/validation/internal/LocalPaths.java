package io.logplane.api.validation.internal;

import io.logplane.api.validation.FieldErrors;
import java.util.Arrays;

/**
 * Paths relative to a directory the kubelet owns (a volume's files, a seccomp profile), as
 * validateLocalDescendingPath and validateLocalNonReservedPath check them: relative, and never
 * stepping out of that directory.
 */
public final class LocalPaths {

  private LocalPaths() {}

  /** Relative, without a ".." element. */
  public static void descending(String path, String field, FieldErrors errors) {
    if (path.startsWith("/")) {
      errors.invalid(field, path, "must be a relative path");
    }
    if (Arrays.asList(path.split("/", -1)).contains("..")) {
      errors.invalid(field, path, "must not contain '..'");
    }
  }

  /** Also not starting with ".." (a "..data" name would clash with the kubelet's own). */
  public static void nonReserved(String path, String field, FieldErrors errors) {
    descending(path, field, errors);
    if (path.startsWith("..") && !path.startsWith("../")) {
      errors.invalid(field, path, "must not start with '..'");
    }
  }
}
