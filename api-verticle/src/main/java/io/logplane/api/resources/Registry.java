package io.logplane.api.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The resources served right now: the built-in ones plus those of every established
 * CustomResourceDefinition. Updated as CRDs come and go; read by every request.
 */
public final class Registry {

  private final List<ResourceType> builtins = BuiltinResources.all();
  private volatile Map<String, ResourceType> byUrl;
  private final Map<String, List<ResourceType>> custom = new LinkedHashMap<>();
  private final Map<String, JsonNode> customSchemas = new LinkedHashMap<>();
  private final Map<String, List<JsonNode>> printerColumns = new LinkedHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  public Registry() {
    rebuild();
  }

  /** The resource served at {@code group/version/resource}, a create-only one included. */
  public Optional<ResourceType> find(String group, String version, String resource) {
    ResourceType t = byUrl.get(group + "/" + version + "/" + resource);
    if (t == null) {
      for (ResourceType c : BuiltinResources.createOnly()) {
        if (c.group().equals(group) && c.version().equals(version) && c.resource().equals(resource)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.ofNullable(t);
  }

  /** The built-in types with a status subresource, as {@code storageGroup/resource}. */
  public static java.util.Set<String> builtinStatusResources() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (ResourceType t : BuiltinResources.all()) {
      if (t.subresources().contains("status")) {
        out.add(t.storageGroup() + "/" + t.resource());
      }
    }
    return out;
  }

  /** Every served type, built-ins first, in discovery order. */
  public List<ResourceType> all() {
    return List.copyOf(byUrl.values());
  }

  /**
   * Where the objects of an apiVersion and kind are kept (the served type listed first), as
   * ValidatingAdmissionPolicies read their params; empty when no such kind is served.
   */
  public Optional<io.logplane.projections.policy.AdmissionPolicies.KindLocation> location(String apiVersion,
      String kind) {
    return all().stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst()
        .map(t -> new io.logplane.projections.policy.AdmissionPolicies.KindLocation(t.keyPrefix(), t.namespaced()));
  }

  /** Changes whenever the set of served types changes (for discovery ETags). */
  public long generation() {
    return generation.get();
  }

  /** The openAPIV3Schema of a served custom type's version, or null. */
  public synchronized JsonNode customSchema(ResourceType t) {
    return customSchemas.get(t.apiVersion() + "/" + t.resource());
  }

  /** The additionalPrinterColumns of a served custom type's version (empty when none). */
  public synchronized List<JsonNode> printerColumns(ResourceType t) {
    return printerColumns.getOrDefault(t.apiVersion() + "/" + t.resource(), List.of());
  }

  /** Serves (or stops serving, when crd is null) the resources a CRD defines. */
  public synchronized void putCrd(String crdName, JsonNode crd) {
    if (crd == null) {
      List<ResourceType> gone = custom.remove(crdName);
      if (gone != null) {
        gone.forEach(t -> {
          customSchemas.remove(t.apiVersion() + "/" + t.resource());
          printerColumns.remove(t.apiVersion() + "/" + t.resource());
        });
      }
    } else {
      List<ResourceType> types = new ArrayList<>();
      JsonNode spec = crd.path("spec");
      JsonNode names = spec.path("names");
      for (JsonNode v : spec.path("versions")) {
        if (!v.path("served").asBoolean(true)) {
          continue;
        }
        List<String> subs = new ArrayList<>();
        v.path("subresources").fieldNames().forEachRemaining(subs::add);
        ResourceType t = new ResourceType(spec.path("group").asText(), v.path("name").asText(),
            names.path("plural").asText(), names.path("singular").asText(names.path("kind").asText().toLowerCase()),
            names.path("kind").asText(), !"Cluster".equals(spec.path("scope").asText()),
            strings(names.path("shortNames")), strings(names.path("categories")), subs, null);
        types.add(t);
        customSchemas.put(t.apiVersion() + "/" + t.resource(), v.path("schema").path("openAPIV3Schema"));
        List<JsonNode> columns = new ArrayList<>();
        v.path("additionalPrinterColumns").forEach(columns::add);
        printerColumns.put(t.apiVersion() + "/" + t.resource(), columns);
      }
      custom.put(crdName, types);
    }
    rebuild();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private synchronized void rebuild() {
    Map<String, ResourceType> m = new LinkedHashMap<>();
    for (ResourceType t : builtins) {
      m.put(t.group() + "/" + t.version() + "/" + t.resource(), t);
    }
    for (List<ResourceType> ts : custom.values()) {
      for (ResourceType t : ts) {
        m.putIfAbsent(t.group() + "/" + t.version() + "/" + t.resource(), t);
      }
    }
    byUrl = m;
    generation.incrementAndGet();
  }
}
