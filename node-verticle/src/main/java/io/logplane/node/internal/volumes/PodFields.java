package io.logplane.node.internal.volumes;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The downward API's values of a pod as the kubelet reads them for env ({@code fieldRef},
 * {@code resourceFieldRef}) and for downwardAPI volume files. Pure.
 */
public final class PodFields {

  /**
   * What the node knows of the pod beyond its spec.
   *
   * @param hostIp      the node's address ({@code status.hostIP})
   * @param podIps      the pod's addresses, the first its {@code status.podIP}
   * @param allocatable the node's allocatable {@code cpu} (millicores), {@code memory} and
   *                    {@code ephemeral-storage} (bytes): a container's limit where it sets none
   */
  public record Facts(String hostIp, List<String> podIps, Map<String, Long> allocatable) {}

  private PodFields() {}

  /** The value of {@code fieldPath}, or an {@link IllegalArgumentException} saying why not. */
  public static String field(JsonNode pod, String fieldPath, Facts facts) {
    JsonNode meta = pod.path("metadata");
    switch (fieldPath) {
      case "metadata.name":
      case "metadata.namespace":
      case "metadata.uid":
        return meta.path(fieldPath.substring("metadata.".length())).asText("");
      case "metadata.labels":
      case "metadata.annotations":
        return formatMap(meta.path(fieldPath.substring("metadata.".length())));
      case "spec.nodeName":
        return pod.path("spec").path("nodeName").asText("");
      case "spec.serviceAccountName":
        return pod.path("spec").path("serviceAccountName").asText("");
      case "status.hostIP":
      case "status.hostIPs":
        return facts.hostIp() == null ? "" : facts.hostIp();
      case "status.podIP":
        return facts.podIps().isEmpty() ? "" : facts.podIps().get(0);
      case "status.podIPs":
        return String.join(",", facts.podIps());
      default:
        break;
    }
    for (String map : List.of("labels", "annotations")) {
      String prefix = "metadata." + map + "['";
      if (fieldPath.startsWith(prefix) && fieldPath.endsWith("']")) {
        String key = fieldPath.substring(prefix.length(), fieldPath.length() - 2);
        return meta.path(map).path(key).asText("");
      }
    }
    throw new IllegalArgumentException("unsupported fieldPath: " + fieldPath);
  }

  /**
   * The value of a {@code resourceFieldRef} of {@code container} ({@code containerName} in the
   * ref takes another of the pod's), limits defaulted to the node's allocatable as the kubelet's
   * {@code defaultPodLimitsForDownwardAPI} does, divided by the divisor and rounded up.
   */
  public static String resource(JsonNode pod, JsonNode container, JsonNode ref, Facts facts) {
    String name = ref.path("containerName").asText("");
    JsonNode c = name.isEmpty() ? container : container(pod, name);
    if (c == null) {
      throw new IllegalArgumentException("container " + name + " not found");
    }
    String resource = ref.path("resource").asText();
    int dot = resource.indexOf('.');
    String kind = dot < 0 ? "" : resource.substring(0, dot);
    String what = resource.substring(dot + 1);
    if (!List.of("limits", "requests").contains(kind)
        || !List.of("cpu", "memory", "ephemeral-storage").contains(what)) {
      throw new IllegalArgumentException("unsupported container resource : " + resource);
    }
    String given = c.path("resources").path(kind).path(what).asText("");
    String divisor = ref.path("divisor").asText("");
    boolean cpu = what.equals("cpu");
    long value;
    if (!given.isEmpty()) {
      value = cpu ? Quantity.milli(given) : Quantity.units(given);
    } else if (kind.equals("limits")) {
      value = facts.allocatable().getOrDefault(what, 0L);
    } else {
      value = 0;
    }
    long per = divisor.isEmpty() || Quantity.milli(divisor) == 0 ? (cpu ? 1000 : 1)
        : cpu ? Quantity.milli(divisor) : Quantity.units(divisor);
    return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(per), 0, RoundingMode.CEILING)
        .toPlainString();
  }

  static JsonNode container(JsonNode pod, String name) {
    for (String list : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : pod.path("spec").path(list)) {
        if (c.path("name").asText().equals(name)) {
          return c;
        }
      }
    }
    return null;
  }

  /** As kube's {@code fieldpath.FormatMap}: {@code key="value"} lines in key order. */
  static String formatMap(JsonNode map) {
    Map<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    StringBuilder s = new StringBuilder();
    sorted.forEach((k, v) -> s.append(k).append('=').append(quote(v)).append('\n'));
    return s.isEmpty() ? "" : s.substring(0, s.length() - 1);
  }

  /** Go's {@code %q} for the texts labels and annotations hold. */
  static String quote(String v) {
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        case '\r' -> s.append("\\r");
        default -> {
          if (ch < 0x20 || ch == 0x7f) {
            s.append(String.format("\\x%02x", (int) ch));
          } else {
            s.append(ch);
          }
        }
      }
    }
    return s.append('"').toString();
  }
}
