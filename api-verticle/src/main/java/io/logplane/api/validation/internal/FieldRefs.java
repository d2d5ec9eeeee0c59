package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.Names;
import io.logplane.projections.Quantity;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The downward API's selectors, of an environment variable or of a downwardAPI volume file:
 * a pod field (validateObjectFieldSelector) or a container resource with its divisor
 * (validateContainerResourceFieldSelector).
 */
public final class FieldRefs {

  /** The pod fields an environment variable may read, in the order kube lists them. */
  public static final List<String> ENV_FIELDS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
      "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
  /** The pod fields a volume file may hold. */
  public static final List<String> VOLUME_FIELDS = List.of("metadata.annotations", "metadata.labels", "metadata.name",
      "metadata.namespace", "metadata.uid");
  /** What ConvertDownwardAPIFieldLabel knows of a v1 pod. */
  private static final Set<String> LABELS = Set.of("metadata.annotations", "metadata.labels", "metadata.name",
      "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
      "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
  private static final List<String> RESOURCES = List.of("limits.cpu", "limits.ephemeral-storage", "limits.memory",
      "requests.cpu", "requests.ephemeral-storage", "requests.memory");
  private static final Set<String> CPU_DIVISORS = Set.of("1m", "1");
  private static final Set<String> BYTE_DIVISORS = Set.of("1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi",
      "1Gi", "1Ti", "1Pi", "1Ei");

  private FieldRefs() {}

  public static void object(JsonNode ref, List<String> supported, String path, FieldErrors errors) {
    String apiVersion = ref.path("apiVersion").asText("v1");
    String fieldPath = ref.path("fieldPath").asText("");
    if (fieldPath.isEmpty()) {
      errors.required(path + ".fieldPath", null);
      return;
    }
    int open = fieldPath.indexOf("['");
    boolean subscripted = fieldPath.endsWith("']") && open > 0;
    String field = subscripted ? fieldPath.substring(0, open) : fieldPath.equals("spec.host") ? "spec.nodeName" : fieldPath;
    String error = !apiVersion.isEmpty() && !apiVersion.equals("v1") ? "unsupported pod version: " + apiVersion
        : subscripted && !field.equals("metadata.annotations") && !field.equals("metadata.labels")
        ? "field label does not support subscript: " + fieldPath
        : !subscripted && !LABELS.contains(field) && !fieldPath.equals("spec.host")
        ? "field label not supported: " + fieldPath : null;
    if (error != null) {
      errors.invalid(path + ".fieldPath", fieldPath, "error converting fieldPath: " + error);
      return;
    }
    if (subscripted) {
      String key = fieldPath.substring(open + 2, fieldPath.length() - 2);
      key = field.equals("metadata.annotations") ? key.toLowerCase(Locale.ROOT) : key;
      Names.check(Names.isQualifiedName(key), path, key, errors);
    } else if (!supported.contains(field)) {
      errors.notSupported(path + ".fieldPath", field, supported);
      return;
    }
    if (fieldPath.equals("status.hostIPs")) {
      // the PodHostIPs gate is off in 1.28
      errors.forbidden(path, "may not be set when feature gate 'PodHostIPs' is not enabled");
    }
  }

  /** A resourceFieldRef; a volume file names its container, an environment variable its own. */
  public static void resource(JsonNode ref, boolean volume, String path, FieldErrors errors) {
    String resource = ref.path("resource").asText("");
    boolean hugePages = resource.startsWith("requests.hugepages-") || resource.startsWith("limits.hugepages-");
    if (volume && ref.path("containerName").asText("").isEmpty()) {
      errors.required(path + ".containerName", null);
    } else if (resource.isEmpty()) {
      errors.required(path + ".resource", null);
    } else if (!RESOURCES.contains(resource) && !hugePages) {
      errors.notSupported(path + ".resource", resource, RESOURCES);
    }
    JsonNode divisor = ref.get("divisor");
    if (divisor == null || divisor.isNull() || Quantity.parse(divisor).map(Quantity::value).map(q -> q.signum() == 0).orElse(true)) {
      return;
    }
    String text = Quantity.canonical(divisor);
    String kind = hugePages ? "hugepages" : resource.endsWith(".cpu") ? "cpu" : resource.endsWith(".memory") ? "memory"
        : resource.endsWith(".ephemeral-storage") ? "local ephemeral storage" : null;
    if (kind == null || (kind.equals("cpu") ? CPU_DIVISORS : BYTE_DIVISORS).contains(text)) {
      return;
    }
    errors.invalid(path + ".divisor", resource, kind.equals("cpu")
        ? "only divisor's values 1m and 1 are supported with the cpu resource"
        : "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the "
            + kind + " resource");
  }
}
