package io.logplane.api.validation;

import io.logplane.api.validation.internal.GoValues;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The options of a write (CreateOptions, UpdateOptions, PatchOptions, DeleteOptions) as
 * kube-apiserver validates them before it reads the body (apimachinery's
 * {@code ValidateCreateOptions} and its siblings): a 422 on {@code <kind>.meta.k8s.io ""}
 * listing every option it refuses.
 */
public final class RequestOptions {

  /** The options of one request as given; null for one absent. */
  public record Given(List<String> dryRun, String fieldManager, String fieldValidation, String force) {}

  private static final List<String> DRY_RUN = List.of("All");
  private static final List<String> FIELD_VALIDATION = List.of("", "Ignore", "Strict", "Warn");
  private static final List<String> PROPAGATION = List.of("Foreground", "Background", "Orphan", "nil");
  public static final int FIELD_MANAGER_MAX = 128;

  private RequestOptions() {}

  /** Throws the 422 of {@code <kind>.meta.k8s.io ""} when a dryRun value is not "All". */
  public static void checkDryRun(String optionsKind, List<String> dryRun) {
    FieldErrors errors = new FieldErrors();
    dryRun(dryRun, errors);
    failOn(optionsKind, errors);
  }

  /** CreateOptions and UpdateOptions: fieldManager, dryRun, fieldValidation. */
  public static void checkWrite(String optionsKind, Given given) {
    FieldErrors errors = new FieldErrors();
    common(given, errors);
    failOn(optionsKind, errors);
  }

  /** PatchOptions: force only with apply, which needs a fieldManager; then as other writes. */
  public static void checkPatch(boolean apply, Given given) {
    FieldErrors errors = new FieldErrors();
    if (!apply && given.force() != null) {
      errors.forbidden("force", "may not be specified for non-apply patch");
    } else if (apply && (given.fieldManager() == null || given.fieldManager().isEmpty())) {
      errors.required("fieldManager", "is required for apply patch");
    }
    common(given, errors);
    failOn("PatchOptions", errors);
  }

  /** DeleteOptions: a known propagationPolicy, not with orphanDependents; then dryRun. */
  public static void checkDelete(String propagation, boolean orphanDependents, List<String> dryRun) {
    FieldErrors errors = new FieldErrors();
    if (propagation != null && orphanDependents) {
      errors.invalid("propagationPolicy", propagation, "orphanDependents and deletionPropagation cannot be both set");
    }
    if (propagation != null && !PROPAGATION.subList(0, 3).contains(propagation)) {
      errors.notSupported("propagationPolicy", propagation, PROPAGATION);
    }
    dryRun(dryRun, errors);
    failOn("DeleteOptions", errors);
  }


  private static void common(Given given, FieldErrors errors) {
    String manager = given.fieldManager() == null ? "" : given.fieldManager();
    if (GoValues.bytes(manager) > FIELD_MANAGER_MAX) {
      errors.tooLong("fieldManager", manager, FIELD_MANAGER_MAX);
    }
    int[] at = {0};
    manager.codePoints().forEach(c -> {
      if (!printable(c)) {
        errors.invalid("fieldManager", manager, String.format("invalid character U+%04X (at position %d)", c, at[0]));
      }
      at[0] += new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
    });
    dryRun(given.dryRun(), errors);
    String fv = given.fieldValidation() == null ? "" : given.fieldValidation();
    if (!FIELD_VALIDATION.contains(fv)) {
      errors.notSupported("fieldValidation", fv, FIELD_VALIDATION);
    }
  }

  private static void dryRun(List<String> dryRun, FieldErrors errors) {
    if (dryRun != null && !DRY_RUN.containsAll(dryRun)) {
      errors.notSupported("dryRun", dryRun, DRY_RUN);
    }
  }

  /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
  private static boolean printable(int c) {
    if (c == ' ') {
      return true;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
          Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }

  private static void failOn(String optionsKind, FieldErrors errors) {
    if (!errors.isEmpty()) {
      throw errors.toException("meta.k8s.io", optionsKind, "");
    }
  }
}
