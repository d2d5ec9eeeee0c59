package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.ResourceType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of object metadata (names, labels, annotations) and of the required fields of the
 * common kinds, with the field causes and messages of the kube-apiserver.
 */
public final class Validation {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Set<String> LABEL_NAMED = Set.of("namespaces", "services");
  private static final int MAX_ANNOTATIONS = 256 * 1024;

  private final List<ApiException.Cause> causes = new ArrayList<>();

  private Validation() {}

  /** Validates an object about to be written; throws 422 with every cause found. */
  public static void check(ResourceType type, ObjectNode object) {
    Validation v = new Validation();
    v.metadata(type, object.path("metadata"));
    v.kindSpecific(type, object);
    if (!v.causes.isEmpty()) {
      String name = object.path("metadata").path("name").asText("");
      StringBuilder msg = new StringBuilder(type.kind() + " \"" + name + "\" is invalid: ");
      if (v.causes.size() == 1) {
        msg.append(v.causes.get(0).field()).append(": ").append(v.causes.get(0).message());
      } else {
        msg.append('[');
        for (int i = 0; i < v.causes.size(); i++) {
          msg.append(i > 0 ? ", " : "").append(v.causes.get(i).field()).append(": ").append(v.causes.get(i).message());
        }
        msg.append(']');
      }
      throw new ApiException(422, "Invalid", msg.toString(), name, type.group(), type.kind(), v.causes);
    }
  }

  private void metadata(ResourceType type, JsonNode meta) {
    String name = meta.path("name").asText("");
    String generate = meta.path("generateName").asText("");
    if (name.isEmpty() && generate.isEmpty()) {
      required("metadata.name", "name or generateName is required");
    } else if (!name.isEmpty()) {
      name(type, name, "metadata.name");
    }
    labels(meta.path("labels"));
    JsonNode annotations = meta.path("annotations");
    int size = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      qualifiedName(e.getKey(), "metadata.annotations");
      size += e.getKey().length() + e.getValue().asText().length();
    }
    if (size > MAX_ANNOTATIONS) {
      causes.add(new ApiException.Cause("FieldValueTooLong", "Too long: must have at most 262144 bytes",
          "metadata.annotations"));
    }
  }

  private void name(ResourceType type, String name, String field) {
    boolean label = LABEL_NAMED.contains(type.resource()) && type.group().isEmpty();
    int max = label ? 63 : 253;
    if (name.length() > max || !(label ? DNS_LABEL : DNS_SUBDOMAIN).matcher(name).matches()) {
      String rule = label
          ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start"
              + " and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation"
              + " is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
          : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and"
              + " must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation"
              + " is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
      causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: \"" + name + "\": " + rule, field));
    }
  }

  private void labels(JsonNode labels) {
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      qualifiedName(e.getKey(), "metadata.labels");
      String v = e.getValue().asText();
      if (v.length() > 63 || !LABEL_VALUE.matcher(v).matches()) {
        causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: \"" + v + "\": a valid label must"
            + " be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end"
            + " with an alphanumeric character", "metadata.labels"));
      }
    }
  }

  private void qualifiedName(String key, String field) {
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: \"" + key
            + "\": prefix part must be a lowercase RFC 1123 subdomain", field));
        return;
      }
    }
    if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
      causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: \"" + key + "\": name part must"
          + " consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric"
          + " character", field));
    }
  }

  private void required(String field, String message) {
    causes.add(new ApiException.Cause("FieldValueRequired", message == null ? "Required value" : message, field));
  }

  private void kindSpecific(ResourceType type, ObjectNode o) {
    String kind = type.group() + "/" + type.kind();
    switch (kind) {
      case "/Pod" -> podSpec(o.path("spec"), "spec");
      case "apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "apps/DaemonSet" -> workload(o.path("spec"));
      case "/ReplicationController" -> podSpec(o.path("spec").path("template").path("spec"), "spec.template.spec");
      case "batch/Job" -> podSpec(o.path("spec").path("template").path("spec"), "spec.template.spec");
      case "batch/CronJob" -> {
        if (o.path("spec").path("schedule").asText("").isEmpty()) {
          required("spec.schedule", null);
        }
        podSpec(o.path("spec").path("jobTemplate").path("spec").path("template").path("spec"),
            "spec.jobTemplate.spec.template.spec");
      }
      case "/Service" -> service(o.path("spec"));
      default -> { }
    }
  }

  private void workload(JsonNode spec) {
    JsonNode selector = spec.path("selector");
    if (selector.isMissingNode() || selector.isNull() || selector.isEmpty()) {
      required("spec.selector", null);
    } else {
      JsonNode labels = spec.path("template").path("metadata").path("labels");
      for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
          causes.add(new ApiException.Cause("FieldValueInvalid",
              "Invalid value: " + labels + ": `selector` does not match template `labels`", "spec.template.metadata.labels"));
          break;
        }
      }
    }
    podSpec(spec.path("template").path("spec"), "spec.template.spec");
  }

  private void podSpec(JsonNode spec, String path) {
    JsonNode containers = spec.path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      required(path + ".containers", null);
      return;
    }
    for (int i = 0; i < containers.size(); i++) {
      JsonNode c = containers.get(i);
      if (c.path("name").asText("").isEmpty()) {
        required(path + ".containers[" + i + "].name", null);
      }
      if (c.path("image").asText("").isEmpty()) {
        required(path + ".containers[" + i + "].image", null);
      }
    }
  }

  private void service(JsonNode spec) {
    String type = spec.path("type").asText("ClusterIP");
    if (!type.equals("ExternalName") && !"None".equals(spec.path("clusterIP").asText()) && spec.path("ports").isEmpty()) {
      required("spec.ports", null);
    }
    JsonNode ports = spec.path("ports");
    for (int i = 0; i < ports.size(); i++) {
      int port = ports.get(i).path("port").asInt(0);
      if (port < 1 || port > 65535) {
        causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + port
            + ": must be between 1 and 65535, inclusive", "spec.ports[" + i + "].port"));
      }
    }
  }
}
