package io.logplane.launcher.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves what a user types for a kind, as kubectl does: plural ({@code deployments}),
 * singular ({@code deployment}), kind ({@code Deployment}), short name ({@code deploy}), each
 * optionally qualified by its group ({@code deployments.apps}) or version and group
 * ({@code deployments.v1.apps}). Reads aggregated discovery ({@code APIGroupDiscoveryList});
 * the preferred (first) version of each group is used, and the legacy group wins ties.
 */
public final class KindResolver {

  /** A served resource. */
  public record Resource(String group, String version, String resource, String singular, String kind,
      boolean namespaced, List<String> shortNames) {

    /** {@code deployments.apps}, or {@code pods} for the legacy group. */
    public String qualified() {
      return group.isEmpty() ? resource : resource + "." + group;
    }

    /** The group as storage keys and history selectors name it. */
    public String storageGroup() {
      return group.isEmpty() ? "core" : group;
    }
  }

  private final List<Resource> resources;

  public KindResolver(List<Resource> resources) {
    this.resources = List.copyOf(resources);
  }

  /** The resources of aggregated discovery documents ({@code /api} first, then {@code /apis}). */
  public static KindResolver fromAggregated(List<JsonNode> documents) {
    List<Resource> out = new ArrayList<>();
    for (JsonNode doc : documents) {
      for (JsonNode group : doc.path("items")) {
        String name = group.path("metadata").path("name").asText("");
        JsonNode preferred = group.path("versions").path(0);
        for (JsonNode r : preferred.path("resources")) {
          List<String> shorts = new ArrayList<>();
          r.path("shortNames").forEach(s -> shorts.add(s.asText()));
          out.add(new Resource(name, preferred.path("version").asText(), r.path("resource").asText(),
              r.path("singularResource").asText(), r.path("responseKind").path("kind").asText(),
              "Namespaced".equals(r.path("scope").asText()), shorts));
        }
      }
    }
    return new KindResolver(out);
  }

  /**
   * The resource a user's word names.
   *
   * @throws IllegalArgumentException when nothing served matches
   */
  public Resource resolve(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    Resource whole = match(w, null);
    if (whole != null) {
      return whole;
    }
    int dot = w.indexOf('.');
    if (dot > 0) {
      String name = w.substring(0, dot);
      String rest = w.substring(dot + 1);
      Resource grouped = match(name, rest);
      if (grouped != null) {
        return grouped;
      }
      int second = rest.indexOf('.');
      if (second > 0) {
        Resource versioned = matchVersion(name, rest.substring(0, second), rest.substring(second + 1));
        if (versioned != null) {
          return versioned;
        }
      }
    }
    throw new IllegalArgumentException("the server doesn't have a resource type \"" + word + "\"");
  }

  private Resource match(String name, String group) {
    Resource best = null;
    for (Resource r : resources) {
      if ((group == null || group.equals(r.group())) && names(r, name)) {
        if (r.group().isEmpty()) {
          return r;
        }
        best = best == null ? r : best;
      }
    }
    return best;
  }

  private Resource matchVersion(String name, String version, String group) {
    Resource r = match(name, group);
    return r != null && r.version().equals(version) ? r : null;
  }

  private static boolean names(Resource r, String name) {
    return r.resource().equals(name) || r.singular().equals(name)
        || r.kind().toLowerCase(Locale.ROOT).equals(name) || r.shortNames().contains(name);
  }
}
