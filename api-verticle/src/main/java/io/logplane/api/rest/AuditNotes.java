package io.logplane.api.rest;

import io.logplane.events.Command;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What admission notes of a request for its audit event (kube's audit annotations: a
 * ValidatingAdmissionPolicy's, PodSecurity's), kept with the call and written into the meta of
 * the record the request appends, accepted or refused.
 */
final class AuditNotes {

  private static final String KEY = "logplane.audit-annotations";

  private AuditNotes() {}

  /** Notes annotations of the call, the first value of a key standing, as kube's audit does. */
  static void note(Call call, Map<String, String> annotations) {
    if (annotations.isEmpty()) {
      return;
    }
    Map<String, String> noted = call.ctx().get(KEY);
    if (noted == null) {
      noted = new LinkedHashMap<>();
      call.ctx().put(KEY, noted);
    }
    annotations.forEach(noted::putIfAbsent);
  }

  /** The meta of a record with what was noted of the call. */
  static Command.Meta annotated(Call call, Command.Meta meta) {
    Map<String, String> noted = call.ctx().get(KEY);
    return meta.withAnnotations(noted);
  }
}
