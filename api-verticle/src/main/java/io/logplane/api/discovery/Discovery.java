package io.logplane.api.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.BuiltinResources;
import io.logplane.api.resources.Registry;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery documents, both aggregated ({@code apidiscovery.k8s.io/v2}, what kubectl 1.32 asks
 * for first) and legacy (APIVersions, APIGroupList, APIResourceList per group-version).
 */
public final class Discovery {

  public static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
  public static final String AGGREGATED_V2BETA1 =
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  private static final List<String> CREATE = List.of("create");

  private final Registry registry;
  private final List<ResourceType> extra;
  private final List<String> extraVerbs;

  public Discovery(Registry registry) {
    this(registry, List.of(), List.of());
  }

  /**
   * Discovery of the registry's types plus types served outside it (the history views), which
   * take only {@code extraVerbs}.
   */
  public Discovery(Registry registry, List<ResourceType> extra, List<String> extraVerbs) {
    this.registry = registry;
    this.extra = List.copyOf(extra);
    this.extraVerbs = List.copyOf(extraVerbs);
  }

  private List<String> verbs(ResourceType t) {
    return extra.contains(t) ? extraVerbs
        : BuiltinResources.createOnly().contains(t) ? CREATE : ResourceType.VERBS;
  }

  /** The aggregated content type the Accept header asks for, or null for legacy discovery. */
  public static String negotiate(String accept) {
    if (accept == null) {
      return null;
    }
    for (String part : accept.split(",")) {
      String p = part.replace(" ", "");
      if (p.contains("as=APIGroupDiscoveryList") && p.contains("g=apidiscovery.k8s.io")) {
        if (p.contains("v=v2;") || p.endsWith("v=v2")) {
          return AGGREGATED_V2;
        }
        if (p.contains("v=v2beta1")) {
          return AGGREGATED_V2BETA1;
        }
      }
    }
    return null;
  }

  /** Groups in discovery order; the legacy core group has the empty name. */
  private Map<String, Map<String, List<ResourceType>>> groups() {
    Map<String, Map<String, List<ResourceType>>> g = new LinkedHashMap<>();
    List<ResourceType> types = new ArrayList<>(registry.all());
    types.addAll(BuiltinResources.createOnly());
    types.addAll(extra);
    for (ResourceType t : types) {
      g.computeIfAbsent(t.group(), k -> new LinkedHashMap<>()).computeIfAbsent(t.version(), k -> new ArrayList<>())
          .add(t);
    }
    // A group's versions in kube's order of preference: the first is its preferred version.
    g.replaceAll((group, versions) -> {
      Map<String, List<ResourceType>> sorted = new LinkedHashMap<>();
      versions.keySet().stream().sorted(VersionPriority.ORDER).forEach(v -> sorted.put(v, versions.get(v)));
      return sorted;
    });
    return g;
  }

  /** Aggregated discovery of the core group ({@code /api}) or of all named groups ({@code /apis}). */
  public ObjectNode aggregated(boolean core, String contentType) {
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", "APIGroupDiscoveryList");
    list.put("apiVersion", contentType.equals(AGGREGATED_V2) ? "apidiscovery.k8s.io/v2" : "apidiscovery.k8s.io/v2beta1");
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (Map.Entry<String, Map<String, List<ResourceType>>> g : groups().entrySet()) {
      if (g.getKey().isEmpty() != core) {
        continue;
      }
      ObjectNode item = items.addObject();
      ObjectNode meta = item.putObject("metadata");
      if (!core) {
        meta.put("name", g.getKey());
      }
      meta.putNull("creationTimestamp");
      ArrayNode versions = item.putArray("versions");
      for (Map.Entry<String, List<ResourceType>> v : g.getValue().entrySet()) {
        ObjectNode ver = versions.addObject().put("version", v.getKey());
        ArrayNode resources = ver.putArray("resources");
        for (ResourceType t : v.getValue()) {
          resources.add(aggregatedResource(t));
        }
        ver.put("freshness", "Current");
      }
    }
    return list;
  }

  private ObjectNode aggregatedResource(ResourceType t) {
    ObjectNode r = Json.MAPPER.createObjectNode();
    r.put("resource", t.resource());
    r.set("responseKind", kind(t.group(), t.version(), t.kind()));
    r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
    r.put("singularResource", t.singular());
    strings(r.putArray("verbs"), verbs(t));
    if (!t.shortNames().isEmpty()) {
      strings(r.putArray("shortNames"), t.shortNames());
    }
    if (!t.categories().isEmpty()) {
      strings(r.putArray("categories"), t.categories());
    }
    Map<String, BuiltinResources.CreateOnly> createOnly = BuiltinResources.createOnlySubresources(t);
    if (!t.subresources().isEmpty() || !createOnly.isEmpty()) {
      ArrayNode subs = r.putArray("subresources");
      for (Map.Entry<String, BuiltinResources.CreateOnly> c : createOnly.entrySet()) {
        ObjectNode sub = subs.addObject().put("subresource", c.getKey());
        BuiltinResources.CreateOnly k = c.getValue();
        sub.set("responseKind", k.group().isEmpty() ? kind(t.group(), t.version(), k.kind())
            : kind(k.group(), k.version(), k.kind()));
        strings(sub.putArray("verbs"), CREATE);
      }
      for (String s : t.subresources()) {
        ObjectNode sub = subs.addObject().put("subresource", s);
        sub.set("responseKind", s.equals("scale") ? kind("autoscaling", "v1", "Scale")
            : kind(t.group(), t.version(), t.kind()));
        strings(sub.putArray("verbs"), List.of("get", "patch", "update"));
      }
    }
    return r;
  }

  private static ObjectNode kind(String group, String version, String kind) {
    ObjectNode k = Json.MAPPER.createObjectNode();
    return k.put("group", group).put("version", version).put("kind", kind);
  }

  private static void strings(ArrayNode a, List<String> values) {
    values.forEach(a::add);
  }

  /** Legacy {@code /api}. */
  public ObjectNode apiVersions(String serverAddress) {
    ObjectNode v = Json.MAPPER.createObjectNode();
    v.put("kind", "APIVersions");
    v.putArray("versions").add("v1");
    v.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return v;
  }

  /** Legacy {@code /apis}. */
  public ObjectNode apiGroupList() {
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    for (Map.Entry<String, Map<String, List<ResourceType>>> g : groups().entrySet()) {
      if (!g.getKey().isEmpty()) {
        groups.add(apiGroup(g.getKey(), List.copyOf(g.getValue().keySet())));
      }
    }
    return list;
  }

  /** Legacy {@code /apis/GROUP}, or null when the group is not served. */
  public ObjectNode apiGroup(String group) {
    Map<String, List<ResourceType>> versions = groups().get(group);
    return versions == null || group.isEmpty() ? null : apiGroup(group, List.copyOf(versions.keySet()));
  }

  private static ObjectNode apiGroup(String name, List<String> versions) {
    ObjectNode g = Json.MAPPER.createObjectNode();
    g.put("kind", "APIGroup").put("apiVersion", "v1").put("name", name);
    ArrayNode vs = g.putArray("versions");
    for (String v : versions) {
      vs.addObject().put("groupVersion", name + "/" + v).put("version", v);
    }
    g.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0)).put("version", versions.get(0));
    return g;
  }

  /** Legacy {@code /api/v1} or {@code /apis/GROUP/VERSION}, or null when not served. */
  public ObjectNode resourceList(String group, String version) {
    List<ResourceType> types = groups().getOrDefault(group, Map.of()).get(version);
    if (types == null) {
      return null;
    }
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", "APIResourceList").put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject();
      r.put("name", t.resource()).put("singularName", t.singular()).put("namespaced", t.namespaced())
          .put("kind", t.kind());
      strings(r.putArray("verbs"), verbs(t));
      if (!t.shortNames().isEmpty()) {
        strings(r.putArray("shortNames"), t.shortNames());
      }
      if (!t.categories().isEmpty()) {
        strings(r.putArray("categories"), t.categories());
      }
      for (Map.Entry<String, BuiltinResources.CreateOnly> c : BuiltinResources.createOnlySubresources(t).entrySet()) {
        ObjectNode sub = resources.addObject().put("name", t.resource() + "/" + c.getKey()).put("singularName", "")
            .put("namespaced", t.namespaced());
        if (!c.getValue().group().isEmpty()) {
          sub.put("group", c.getValue().group()).put("version", c.getValue().version());
        }
        sub.put("kind", c.getValue().kind()).putArray("verbs").add("create");
      }
      for (String s : t.subresources()) {
        ObjectNode sub = resources.addObject();
        sub.put("name", t.resource() + "/" + s).put("singularName", "").put("namespaced", t.namespaced());
        if (s.equals("scale")) {
          sub.put("group", "autoscaling").put("version", "v1").put("kind", "Scale");
        } else {
          sub.put("kind", t.kind());
        }
        strings(sub.putArray("verbs"), List.of("get", "patch", "update"));
      }
    }
    return list;
  }
}
