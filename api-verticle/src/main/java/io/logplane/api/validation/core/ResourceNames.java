package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.projections.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resource names and amounts as the core validation checks them in quotas and limit ranges
 * (validateResourceName and its quota and container variants, ValidateResourceQuantityValue),
 * with the tables of the core helper package.
 */
final class ResourceNames {

  static final Set<String> COUNTED = Set.of("pods", "resourcequotas", "services", "replicationcontrollers", "secrets",
      "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers");
  static final Set<String> QUOTA_ONLY = Set.of("cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
      "requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage");
  static final Set<String> CONTAINER = Set.of("cpu", "memory", "ephemeral-storage");

  private ResourceNames() {}

  private static boolean hugePages(String name) {
    return name.startsWith("hugepages-") || name.startsWith("requests.hugepages-");
  }

  /** A resource the quota system knows (IsStandardQuotaResourceName). */
  static boolean quotaStandard(String name) {
    return COUNTED.contains(name) || QUOTA_ONLY.contains(name) || hugePages(name);
  }

  private static boolean standard(String name) {
    return quotaStandard(name) || name.equals("storage");
  }

  static boolean nativeName(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  static boolean extended(String name) {
    return !nativeName(name) && !name.startsWith("requests.") && Names.isQualifiedName("requests." + name).isEmpty();
  }

  /** validateResourceName; false when it found something wrong. */
  static boolean check(String name, String path, FieldErrors errors) {
    List<String> messages = Names.isQualifiedName(name);
    Names.check(messages, path, name, errors);
    if (!messages.isEmpty()) {
      return false;
    }
    if (!name.contains("/") && !standard(name)) {
      errors.invalid(path, name, "must be a standard resource type or fully qualified");
      return false;
    }
    return true;
  }

  static void quota(String name, String path, FieldErrors errors) {
    check(name, path, errors);
    if (!name.contains("/") && !quotaStandard(name)) {
      errors.invalid(path, name, "must be a standard resource for quota");
    }
  }

  static void container(String name, String path, FieldErrors errors) {
    if (!check(name, path, errors)) {
      return;
    }
    if (!name.contains("/")) {
      if (!CONTAINER.contains(name) && !name.startsWith("hugepages-")) {
        errors.invalid(path, name, "must be a standard resource for containers");
      }
    } else if (!nativeName(name) && !extended(name)) {
      errors.invalid(path, name, "doesn't follow extended resource name standard");
    }
  }

  /** Not negative, and whole for what is counted (ValidateResourceQuantityValue). */
  static void value(String name, JsonNode value, String path, FieldErrors errors) {
    Optional<BigDecimal> q = Quantity.parse(value).map(Quantity::value);
    if (q.isEmpty()) {
      return;
    }
    String shown = Quantity.canonical(value);
    if (q.get().signum() < 0) {
      errors.invalid(path, shown, "must be greater than or equal to 0");
    }
    boolean whole = q.get().movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).remainder(BigDecimal
        .valueOf(1000)).signum() == 0;
    if ((COUNTED.contains(name) || extended(name)) && !whole) {
      errors.invalid(path, shown, "must be an integer");
    }
  }
}
