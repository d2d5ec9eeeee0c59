package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Bodies;
import io.logplane.api.validation.RequestOptions;
import io.logplane.events.Command;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import io.logplane.projections.Store;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * DELETE of one object or of a collection. DeleteOptions come from the body or the query:
 * preconditions (uid, resourceVersion), propagationPolicy, gracePeriodSeconds and dryRun. The
 * grace period is decided when the record applies (only a pod a node runs waits it out). An
 * object that stays, terminating (finalizers, a pod's grace period), is answered as it now is;
 * a removed one with a Success Status, except a pod, which kube-apiserver answers with the
 * deleted object.
 */
public final class DeleteHandler {

  private final ApiContext api;
  private final Writer writer;
  private final Present present;
  private final Reads reads;
  private final Admission admission;

  public DeleteHandler(ApiContext api, Writer writer, Present present, Reads reads, Admission admission) {
    this.api = api;
    this.admission = admission;
    this.writer = writer;
    this.present = present;
    this.reads = reads;
  }

  /** The parsed DeleteOptions. */
  record Options(String uid, long resourceVersion, String propagation, Long gracePeriodSeconds) {}

  static Options options(Call call, byte[] body) {
    JsonNode o = body == null || body.length == 0 ? Json.MAPPER.createObjectNode()
        : Bodies.parse(Bodies.JSON, body, "json");
    String propagation = call.param("propagationPolicy");
    if (propagation == null && o.hasNonNull("propagationPolicy")) {
      propagation = o.get("propagationPolicy").asText();
    }
    boolean orphanGiven = o.hasNonNull("orphanDependents") || call.param("orphanDependents") != null;
    List<String> dryRun = call.query().getAll("dryRun");
    if (dryRun.isEmpty() && o.path("dryRun").isArray()) {
      List<String> fromBody = new ArrayList<>();
      o.get("dryRun").forEach(d -> fromBody.add(d.asText()));
      dryRun = fromBody;
    }
    RequestOptions.checkDelete(propagation, orphanGiven, dryRun);
    if (propagation == null && orphanGiven) {
      boolean orphan = o.hasNonNull("orphanDependents") ? o.get("orphanDependents").asBoolean()
          : call.flag("orphanDependents");
      propagation = orphan ? "Orphan" : "Background";
    }
    JsonNode pre = o.path("preconditions");
    String uid = pre.hasNonNull("uid") ? pre.get("uid").asText() : null;
    long rv = pre.hasNonNull("resourceVersion") ? Reads.parseVersion(pre.get("resourceVersion").asText()) : 0;
    return new Options(uid, rv, propagation, grace(call, o));
  }

  /** gracePeriodSeconds of the body, else of the query; null when neither gives one. */
  private static Long grace(Call call, JsonNode o) {
    JsonNode g = o.get("gracePeriodSeconds");
    if (g != null && !g.isNull()) {
      if (!g.canConvertToLong() || !g.isIntegralNumber()) {
        throw ApiException.badRequest("gracePeriodSeconds in DeleteOptions is not an integer: " + g);
      }
      return g.longValue();
    }
    if (call.param("gracePeriodSeconds") == null) {
      return null;
    }
    return call.query().integer("gracePeriodSeconds", 0);
  }

  public void handle(Call call, byte[] body) {
    Options opt = options(call, body);
    String name = call.info().name();
    admission.prepareDelete(call, call.key(name));
    writer.write(call, new Command.Delete(Admission.meta(call), call.key(name), opt.resourceVersion(), opt.uid(),
            opt.propagation(), opt.gracePeriodSeconds()))
        .onSuccess(last -> {
          boolean pod = call.type().group().isEmpty() && call.type().resource().equals("pods");
          if (pod || Metadata.terminating(last) && Metadata.hasFinalizers(last)) {
            call.send(200, present.object(call.type(), last.deepCopy()));
          } else {
            call.send(200, success(call, name, Metadata.uid(last)));
          }
        })
        .onFailure(call::fail);
  }

  static ObjectNode success(Call call, String name, String uid) {
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Success");
    ObjectNode d = s.putObject("details");
    if (name != null) {
      d.put("name", name);
    }
    d.put("group", call.type().group()).put("kind", call.type().resource());
    if (uid != null) {
      d.put("uid", uid);
    }
    return s;
  }

  /** DELETE of a collection: one Delete command per matching object, answered when all applied. */
  public void handleCollection(Call call, byte[] body) {
    Options opt = options(call, body);
    Predicate<JsonNode> filter = ReadOptions.selectors(call.query(), call.type().group(), call.type().kind());
    reads.barrier(call)
        .compose(a -> api.vertx().executeBlocking(() -> keys(call, filter), false))
        .compose(keys -> {
          List<Future<ObjectNode>> all = new ArrayList<>();
          for (String key : keys) {
            Call one = Call.of(call.ctx(), call.info(), call.type(), call.user());
            try {
              admission.prepareDelete(one, key);
            } catch (ApiException e) {
              all.add(Future.failedFuture(e));
              continue;
            }
            all.add(writer.write(one, new Command.Delete(Admission.meta(one), key, 0, null, opt.propagation(),
                    opt.gracePeriodSeconds()))
                .recover(t -> t instanceof ApiException e && e.code() == 404 ? Future.succeededFuture(null)
                    : Future.failedFuture(t)));
          }
          return Future.all(all);
        })
        .onSuccess(done -> call.send(200, success(call, null, null)))
        .onFailure(call::fail);
  }

  private List<String> keys(Call call, Predicate<JsonNode> filter) {
    List<String> keys = new ArrayList<>();
    try (Store.Snapshot snap = api.projection().store().snapshot()) {
      snap.scan(call.type().listPrefix(call.namespace()), null, (key, json) -> {
        if (filter == null || filter.test(Json.object(json))) {
          keys.add(key);
        }
        return true;
      });
    }
    return keys;
  }
}
