package io.logplane.api.rest;

import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.logplane.events.Command;
import io.logplane.projections.Proposals;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.Set;

/**
 * Writes refused before they reached the state — invalid objects (422), apply conflicts and
 * other conflicts decided by the API (409), strict field validation (400), writes the authorizer
 * or RBAC's escalation check refused (403) — are appended as
 * {@link Command.Refused}, so the audit trail and the object's history show failed attempts
 * too. The response waits for the record to be applied, so a client that reads the history
 * right after its failed write sees it. A write the write path pushed back (429) was never
 * attempted, and is not recorded.
 */
final class Refusals {

  private static final Set<Integer> CODES = Set.of(400, 403, 409, 422);

  private final ApiContext api;
  private final Proposals proposals;

  Refusals(ApiContext api, Proposals proposals) {
    this.api = api;
    this.proposals = proposals;
  }

  boolean shouldRecord(Call call, ApiException e) {
    HttpMethod m = call.ctx().request().method();
    boolean write = m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH || m == HttpMethod.DELETE;
    return write && CODES.contains(e.code()) && !e.isInLog() && key(call) != null
        && !"All".equals(call.param("dryRun"));
  }

  private static String key(Call call) {
    String name = call.info().name();
    if (name == null) {
      name = call.ctx().get("logplane.name");
    }
    if (name == null || name.isEmpty() || (call.type().namespaced() && call.info().namespace() == null)) {
      return null;
    }
    return call.key(name);
  }

  Future<Void> record(Call call, ApiException e) {
    Command.Refused r = new Command.Refused(Admission.meta(call), key(call), e.code(), e.reason(), e.getMessage());
    return Future.fromCompletionStage(proposals.propose(r), api.vertx().getOrCreateContext()).mapEmpty();
  }
}
