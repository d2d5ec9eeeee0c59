package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.projections.Quantity;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's resources as ValidateResourceRequirements checks them: known resource names,
 * no negative quantity, each request at most its limit (equal for resources that cannot be
 * overcommitted: extended resources and huge pages).
 */
public final class Resources {

  private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage");
  private static final Set<String> QOS = Set.of("cpu", "memory");

  private Resources() {}

  public static void validate(JsonNode resources, String path, FieldErrors errors) {
    JsonNode limits = resources.path("limits");
    JsonNode requests = resources.path("requests");
    boolean cpuOrMemory = false;
    boolean hugePages = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = limits.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      quantity(e.getKey(), e.getValue(), path + ".limits[" + e.getKey() + "]", errors);
      cpuOrMemory |= QOS.contains(e.getKey());
      hugePages |= e.getKey().startsWith("hugepages-");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = requests.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      quantity(name, e.getValue(), path + ".requests[" + name + "]", errors);
      Optional<BigDecimal> request = Quantity.parse(e.getValue()).map(Quantity::value);
      JsonNode limit = limits.get(name);
      if (limit != null && request.isPresent() && Quantity.parse(limit).isPresent()) {
        int cmp = request.get().compareTo(Quantity.parse(limit).map(Quantity::value).get());
        String req = canonical(e.getValue());
        if (cmp != 0 && !overcommitAllowed(name)) {
          errors.invalid(path + ".requests", req, "must be equal to " + name + " limit of " + canonical(limit));
        } else if (cmp > 0) {
          errors.invalid(path + ".requests", req, "must be less than or equal to " + name + " limit of "
              + canonical(limit));
        }
      } else if (limit == null && !overcommitAllowed(name)) {
        errors.required(path + ".limits", "Limit must be set for non overcommitable resources");
      }
      cpuOrMemory |= QOS.contains(name);
      hugePages |= name.startsWith("hugepages-");
    }
    if (hugePages && !cpuOrMemory) {
      errors.forbidden(path, "HugePages require cpu or memory");
    }
  }

  private static String canonical(JsonNode q) {
    return Quantity.canonical(q);
  }

  private static void quantity(String name, JsonNode value, String path, FieldErrors errors) {
    resourceName(name, path, errors);
    Optional<BigDecimal> q = Quantity.parse(value).map(Quantity::value);
    if (q.isPresent() && q.get().signum() < 0) {
      errors.invalid(path, canonical(value), "must be greater than or equal to 0");
    }
    if (q.isPresent() && extended(name) && q.get().stripTrailingZeros().scale() > 0) {
      errors.invalid(path, canonical(value), "must be an integer");
    }
  }

  private static void resourceName(String name, String path, FieldErrors errors) {
    Names.check(Names.isQualifiedName(name), path, name, errors);
    if (!name.contains("/")) {
      if (!STANDARD.contains(name) && !name.startsWith("hugepages-")) {
        errors.invalid(path, name, "must be a standard resource type or fully qualified");
        errors.invalid(path, name, "must be a standard resource for containers");
      }
    } else if (extended(name) && !Names.isQualifiedName("requests." + name).isEmpty()) {
      errors.invalid(path, name, "doesn't follow extended resource name standard");
    }
  }

  private static boolean extended(String name) {
    return name.contains("/") && !name.contains("kubernetes.io/") && !name.startsWith("requests.");
  }

  private static boolean overcommitAllowed(String name) {
    return !extended(name) && !name.startsWith("hugepages-");
  }
}
