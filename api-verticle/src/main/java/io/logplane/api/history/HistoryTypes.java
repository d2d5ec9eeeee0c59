package io.logplane.api.history;

import io.logplane.api.resources.ResourceType;
import java.util.List;

/**
 * The resources of the history group. They are not in the {@link io.logplane.api.resources.Registry}
 * (which holds writable kinds with a storage prefix); discovery lists them with their own verbs
 * and the dispatcher sends their URLs here.
 */
public final class HistoryTypes {

  public static final String GROUP = "history.logplane.io";
  public static final String VERSION = "v1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /** One item per version or refused attempt of an object. */
  public static final ResourceType VERSIONS = new ResourceType(GROUP, VERSION, "versions", "version", "Version",
      true, List.of(), List.of(), List.of(), null);

  /** One item per log record. */
  public static final ResourceType AUDIT_EVENTS = new ResourceType(GROUP, VERSION, "auditevents", "auditevent",
      "AuditEvent", false, List.of(), List.of(), List.of(), null);

  /** The verbs both resources serve: they are views of the log, never written. */
  public static final List<String> VERBS = List.of("get", "list");

  private HistoryTypes() {}

  /** Both resources, in discovery order. */
  public static List<ResourceType> all() {
    return List.of(VERSIONS, AUDIT_EVENTS);
  }
}
