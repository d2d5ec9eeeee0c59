package io.logplane.api.validation;

import java.util.List;

/**
 * The options of a write (CreateOptions, UpdateOptions, PatchOptions, DeleteOptions) as
 * kube-apiserver validates them before it reads the body: {@code dryRun} may only be "All".
 */
public final class RequestOptions {

  private static final List<String> DRY_RUN = List.of("All");

  private RequestOptions() {}

  /** Throws the 422 of {@code <kind>.meta.k8s.io ""} when a dryRun value is not "All". */
  public static void checkDryRun(String optionsKind, List<String> dryRun) {
    if (dryRun == null || DRY_RUN.containsAll(dryRun)) {
      return;
    }
    throw new FieldErrors().notSupported("dryRun", dryRun, DRY_RUN).toException("meta.k8s.io", optionsKind, "");
  }
}
