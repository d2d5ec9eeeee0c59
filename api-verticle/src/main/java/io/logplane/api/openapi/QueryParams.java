package io.logplane.api.openapi;

import java.util.List;
import java.util.Map;

/** The query parameters of resource operations, with their types and a line of description. */
final class QueryParams {

  /** A query parameter: its JSON schema type and description. */
  record Param(String type, String description) {}

  static final List<String> LIST = List.of("allowWatchBookmarks", "continue", "fieldSelector", "labelSelector",
      "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch");
  static final List<String> WRITE = List.of("dryRun", "fieldManager", "fieldValidation");
  static final List<String> PATCH = List.of("dryRun", "fieldManager", "fieldValidation", "force");
  static final List<String> DELETE = List.of("dryRun", "gracePeriodSeconds",
      "ignoreStoreReadErrorWithClusterBreakingPotential", "orphanDependents", "propagationPolicy");

  private static final Map<String, Param> PARAMS = Map.ofEntries(
      Map.entry("allowWatchBookmarks", bool("Ask for BOOKMARK events in a watch.")),
      Map.entry("continue", str("The continue token of the previous page of a paged list.")),
      Map.entry("fieldSelector", str("Restrict the objects by their fields, e.g. metadata.name=x.")),
      Map.entry("labelSelector", str("Restrict the objects by their labels.")),
      Map.entry("limit", integer("The most objects to return in one page.")),
      Map.entry("resourceVersion", str("The version to read at or to watch from.")),
      Map.entry("resourceVersionMatch", str("How resourceVersion applies to a list: Exact or NotOlderThan.")),
      Map.entry("sendInitialEvents", bool("Start a watch with the current objects as ADDED events.")),
      Map.entry("timeoutSeconds", integer("End a list or watch after this many seconds.")),
      Map.entry("watch", bool("Stream changes instead of returning a list.")),
      Map.entry("dryRun", str("All: validate and answer as if the change were made, without persisting it.")),
      Map.entry("fieldManager", str("The name of the actor making the change, for managedFields.")),
      Map.entry("fieldValidation", str("Ignore, Warn or Strict: what to do with unknown or duplicate fields.")),
      Map.entry("force", bool("Server-side apply: take ownership of conflicting fields.")),
      Map.entry("gracePeriodSeconds", integer("Seconds before the object is deleted; 0 deletes at once.")),
      Map.entry("ignoreStoreReadErrorWithClusterBreakingPotential",
          bool("Delete objects that cannot be read from storage.")),
      Map.entry("orphanDependents", bool("Deprecated: use propagationPolicy.")),
      Map.entry("propagationPolicy", str("Orphan, Background or Foreground garbage collection of dependents.")),
      Map.entry("pretty", str("Indent the response.")));

  private QueryParams() {}

  static Param get(String name) {
    Param p = PARAMS.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown query parameter " + name);
    }
    return p;
  }

  private static Param str(String d) {
    return new Param("string", d);
  }

  private static Param bool(String d) {
    return new Param("boolean", d);
  }

  private static Param integer(String d) {
    return new Param("integer", d);
  }
}
