package io.logplane.api.validation.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.logplane.api.admission.Defaults;
import io.logplane.api.admission.Validation;
import io.logplane.api.http.ApiException;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.ResourceType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Runs an object through the API's defaults and validation as a create or an update does, and
 * returns the 422's causes as {@code field: message} lines (none when it is accepted). Objects
 * are written in YAML; a case is a valid base object with a merge patch (null removes a field).
 */
public final class Admit {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Admit() {}

  public static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The base with a merge patch (RFC 7386) applied. */
  public static ObjectNode merge(ObjectNode base, String patchYaml) {
    ObjectNode copy = base.deepCopy();
    if (!patchYaml.isBlank()) {
      mergeInto(copy, yaml(patchYaml));
    }
    return copy;
  }

  private static void mergeInto(ObjectNode target, JsonNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        target.remove(e.getKey());
      } else if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode o) {
        mergeInto(o, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** The causes of creating {@code object} (defaults applied first, a uid given as the API gives it). */
  public static List<String> create(String group, String resource, ObjectNode object) {
    ResourceType type = type(group, resource);
    ObjectNode o = prepared(type, object);
    try {
      Validation.check(type, o);
      return List.of();
    } catch (ApiException e) {
      return causes(e);
    }
  }

  /** The causes of replacing {@code old} (as stored after its create) with {@code object}. */
  public static List<String> update(String group, String resource, ObjectNode old, ObjectNode object) {
    ResourceType type = type(group, resource);
    ObjectNode before = prepared(type, old);
    ObjectNode after = prepared(type, object);
    try {
      Validation.checkUpdate(type, before, after);
      return List.of();
    } catch (ApiException e) {
      return causes(e);
    }
  }

  private static ObjectNode prepared(ResourceType type, ObjectNode object) {
    ObjectNode o = object.deepCopy();
    o.with("metadata").put("uid", "0c1d2e3f-0000-4000-8000-000000000001");
    Defaults.apply(type, o);
    return o;
  }

  private static List<String> causes(ApiException e) {
    if (e.code() != 422) {
      throw e;
    }
    List<String> lines = new ArrayList<>();
    for (JsonNode c : e.status().path("details").path("causes")) {
      lines.add(c.path("field").asText() + ": " + c.path("message").asText());
    }
    return lines;
  }

  private static ResourceType type(String group, String resource) {
    return BuiltinResources.all().stream().filter(t -> t.group().equals(group) && t.resource().equals(resource))
        .findFirst().orElseThrow();
  }
}
