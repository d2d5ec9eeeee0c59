package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.rbac.PastSecrets;
import io.logplane.projections.Json;
import io.vertx.core.Future;
import java.util.List;

/** GET of one object (and of its status subresource), as JSON or as a one-row Table. */
public final class GetHandler {

  private final ApiContext api;
  private final Reads reads;
  private final Present present;
  private final PastSecrets pastSecrets;

  public GetHandler(ApiContext api, Reads reads, Present present, PastSecrets pastSecrets) {
    this.pastSecrets = pastSecrets;
    this.api = api;
    this.reads = reads;
    this.present = present;
  }

  public void handle(Call call) {
    String name = call.info().name();
    ReadOptions opts = ReadOptions.parse(call.query(), call.type());
    long exact = opts.exact();
    reads.barrier(call)
        // The current object is read where the barrier completed: a point read of the store
        // takes microseconds (memtable or block cache), less than a hand-off to a worker and back.
        .compose(applied -> exact < 0 ? Future.succeededFuture(api.projection().store().get(call.key(name)))
            : api.vertx().executeBlocking(() -> {
          try (var past = api.projection().store().at(exact)) {
            byte[] stored = past.get(call.key(name));
            return stored != null && Present.isSecret(call.type()) ? pastSecrets.view(call.user(), stored, exact) : stored;
          }
        }, false))
        .onSuccess(bytes -> {
          if (bytes == null) {
            call.fail(call.notFound(name));
          } else if ("scale".equals(call.info().subresource())) {
            call.send(200, Scale.of(call.type(), Json.object(bytes)));
          } else if (Negotiation.wantsTable(call.ctx().request().getHeader("Accept"))) {
            ObjectNode o = present.printable(call.type(), Json.object(bytes));
            call.send(200, new TableView(api, call).list(List.<JsonNode>of(o),
                o.path("metadata").path("resourceVersion").asText(), null));
          } else {
            call.send(200, present.bytes(call.type(), bytes), "application/json");
          }
        })
        .onFailure(call::fail);
  }
}
