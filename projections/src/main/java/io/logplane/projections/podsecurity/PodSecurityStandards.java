package io.logplane.projections.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.logplane.selectors.GoStrings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes 1.28's Pod Security Standards as the pod-security-admission library implements them:
 * the default checks of the baseline and restricted levels, their versioned behaviour, their exact
 * forbidden reasons and details, and the parsing of the {@code pod-security.kubernetes.io/*}
 * namespace labels.
 */
public final class PodSecurityStandards {

  private static final String PREFIX = "pod-security.kubernetes.io/";
  private static final String ENFORCE = PREFIX + "enforce";
  private static final String AUDIT = PREFIX + "audit";
  private static final String WARN = PREFIX + "warn";
  private static final String VERSION_SUFFIX = "-version";
  private static final String LATEST = "latest";
  private static final int LATEST_MINOR = Integer.MAX_VALUE - 1;
  private static final Pattern VERSION = Pattern.compile("^v1\\.([0-9]|[1-9][0-9]*)$");

  private PodSecurityStandards() {
  }

  /** A Pod Security Standards level, ordered from least to most strict. */
  public enum Level {
    /** Unrestricted. */
    PRIVILEGED,
    /** Prevents known privilege escalations. */
    BASELINE,
    /** Follows pod hardening best practices. */
    RESTRICTED;

    /** The level as kube spells it in labels and messages: "privileged", "baseline" or "restricted". */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The level a label value names, or empty when it names none (kube's ParseLevel is case-sensitive). */
    public static Optional<Level> parse(String value) {
      for (Level level : values()) {
        if (level.label().equals(value)) {
          return Optional.of(level);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * A level and version as a namespace label gives them; toString() is kube's, e.g. "restricted:latest" or
   * "baseline:v1.27".
   *
   * @param level the level
   * @param version "latest" or "v1.x"; any other value is evaluated as latest, as kube's ParseVersion falls back
   */
  public record LevelVersion(Level level, String version) {
    /** privileged:latest, the policy of a mode without labels. */
    public static final LevelVersion PRIVILEGED_LATEST = new LevelVersion(Level.PRIVILEGED, LATEST);

    /** Requires both parts. */
    public LevelVersion {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(version, "version");
    }

    /** The level at the latest version. */
    public static LevelVersion latest(Level level) {
      return new LevelVersion(level, LATEST);
    }

    /** kube's form, e.g. "restricted:latest". */
    @Override
    public String toString() {
      return level.label() + ":" + version;
    }
  }

  /**
   * The enforce, audit and warn policy of a namespace.
   *
   * @param enforce the enforce mode's level and version
   * @param audit the audit mode's level and version
   * @param warn the warn mode's level and version
   */
  public record Policy(LevelVersion enforce, LevelVersion audit, LevelVersion warn) {
    /** privileged:latest for every mode: a namespace without pod-security labels. */
    public static final Policy PRIVILEGED = new Policy(LevelVersion.PRIVILEGED_LATEST,
        LevelVersion.PRIVILEGED_LATEST, LevelVersion.PRIVILEGED_LATEST);

    /**
     * The policy the labels of a namespace (an object of label to value; missing, null or non-object means
     * none) give, as kube's PolicyToEvaluate with privileged:latest defaults does. An absent label keeps the
     * default privileged:latest. An invalid level makes enforce "restricted" (fail closed) but audit and warn
     * "privileged" (fail open); an invalid version is "latest". When the enforce level is validly set, the warn
     * level is not set, and enforce is stricter than warn, warn takes enforce's level (and its version too
     * unless warn-version is set).
     */
    public static Policy of(JsonNode labels) {
      return resolve(labelMap(labels), new ArrayList<>());
    }
  }

  /**
   * Field errors for invalid pod-security labels of a namespace being written, as kube's namespace validation
   * words them: each a pair of field path (e.g. "metadata.labels[pod-security.kubernetes.io/enforce]") and
   * message (e.g. {@code Invalid value: "foo": must be one of privileged, baseline, restricted}), in the order
   * enforce, enforce-version, audit, audit-version, warn, warn-version; empty when valid.
   */
  public static List<Map.Entry<String, String>> invalidLabels(JsonNode labels) {
    List<Map.Entry<String, String>> errors = new ArrayList<>();
    resolve(labelMap(labels), errors);
    return List.copyOf(errors);
  }

  /**
   * kube 1.28's aggregate ForbiddenDetail for a pod's metadata and spec under the level and version: each
   * failed check's reason, followed by its detail in parentheses, joined by ", "; empty string when allowed.
   * Checks run in kube's order and with their versioned behaviour (minimum versions, restricted overrides of
   * baseline checks, seccomp annotations before v1.19, the sysctl set of v1.27, the Windows exemptions from
   * v1.25); versions past the newest check and invalid versions evaluate as latest.
   */
  public static String forbiddenDetail(LevelVersion policy, JsonNode podMetadata, JsonNode podSpec) {
    return String.join(", ", failures(policy, podMetadata, podSpec).stream().map(PodChecks.Result::format).toList());
  }

  /**
   * kube's aggregate ForbiddenReason: the failed checks' reasons only, joined by ", " (what the
   * warnings of a namespace's new enforce level say of each existing pod); empty when allowed.
   */
  public static String forbiddenReasons(LevelVersion policy, JsonNode podMetadata, JsonNode podSpec) {
    return String.join(", ", failures(policy, podMetadata, podSpec).stream().map(PodChecks.Result::reason).toList());
  }

  private static List<PodChecks.Result> failures(LevelVersion policy, JsonNode podMetadata, JsonNode podSpec) {
    if (policy.level() == Level.PRIVILEGED) {
      return List.of();
    }
    int minor = minor(policy.version());
    JsonNode meta = podMetadata == null ? MissingNode.getInstance() : podMetadata;
    JsonNode spec = podSpec == null ? MissingNode.getInstance() : podSpec;
    List<PodChecks.Result> failures = new ArrayList<>();
    for (PodChecks.Check check : PodChecks.CHECKS) {
      if (check.appliesTo(policy.level(), minor)) {
        PodChecks.Result result = check.fn().apply(meta, spec, minor);
        if (result != null) {
          failures.add(result);
        }
      }
    }
    return failures;
  }

  // ---- labels ----

  private static Policy resolve(Map<String, String> labels, List<Map.Entry<String, String>> errors) {
    if (labels.isEmpty()) {
      return Policy.PRIVILEGED;
    }
    Level enforce = level(labels, ENFORCE, Level.RESTRICTED, errors);
    String enforceVersion = version(labels, ENFORCE + VERSION_SUFFIX, errors);
    Level audit = level(labels, AUDIT, Level.PRIVILEGED, errors);
    String auditVersion = version(labels, AUDIT + VERSION_SUFFIX, errors);
    Level warn = level(labels, WARN, Level.PRIVILEGED, errors);
    String warnVersion = version(labels, WARN + VERSION_SUFFIX, errors);
    boolean enforceSet = Level.parse(labels.get(ENFORCE)).isPresent();
    if (!labels.containsKey(WARN) && enforceSet && enforce.compareTo(warn) > 0) {
      warn = enforce;
      warnVersion = labels.containsKey(WARN + VERSION_SUFFIX) ? warnVersion : enforceVersion;
    }
    return new Policy(new LevelVersion(enforce, enforceVersion), new LevelVersion(audit, auditVersion),
        new LevelVersion(warn, warnVersion));
  }

  private static Level level(Map<String, String> labels, String key, Level onError,
      List<Map.Entry<String, String>> errors) {
    if (!labels.containsKey(key)) {
      return Level.PRIVILEGED;
    }
    String value = labels.get(key);
    Optional<Level> level = Level.parse(value);
    if (level.isEmpty()) {
      errors.add(invalid(key, value, "must be one of privileged, baseline, restricted"));
    }
    return level.orElse(onError);
  }

  private static String version(Map<String, String> labels, String key, List<Map.Entry<String, String>> errors) {
    if (!labels.containsKey(key)) {
      return LATEST;
    }
    String value = labels.get(key);
    if (minorOrNull(value) == null) {
      errors.add(invalid(key, value, "must be \"latest\" or \"v1.x\""));
      return LATEST;
    }
    return value;
  }

  private static Map.Entry<String, String> invalid(String label, String value, String detail) {
    return Map.entry("metadata.labels[" + label + "]", "Invalid value: " + GoStrings.quote(value) + ": " + detail);
  }

  private static Map<String, String> labelMap(JsonNode labels) {
    Map<String, String> map = new LinkedHashMap<>();
    if (labels != null && labels.isObject()) {
      labels.fields().forEachRemaining(e -> {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), e.getValue().asText());
        }
      });
    }
    return map;
  }

  private static int minor(String version) {
    Integer minor = minorOrNull(version);
    return minor == null ? LATEST_MINOR : Math.min(minor, LATEST_MINOR);
  }

  private static Integer minorOrNull(String version) {
    if (LATEST.equals(version)) {
      return LATEST_MINOR;
    }
    Matcher m = VERSION.matcher(version == null ? "" : version);
    if (!m.matches()) {
      return null;
    }
    try {
      return Integer.parseInt(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
