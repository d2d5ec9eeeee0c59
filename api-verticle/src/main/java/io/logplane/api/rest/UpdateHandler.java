package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Bodies;
import io.logplane.events.Record;
import io.logplane.projections.internal.Meta;

/**
 * PUT of an object, its status or its scale: an Update command whose precondition is the
 * resourceVersion in the body (unconditional when it is absent). apply() keeps what the
 * caller may not change (uid, creationTimestamp, status on the main resource).
 */
public final class UpdateHandler {

  private final ApiContext api;
  private final Writer writer;
  private final Admission admission;
  private final Present present;
  private final Reads reads;

  public UpdateHandler(ApiContext api, Writer writer, Admission admission, Present present, Reads reads) {
    this.api = api;
    this.writer = writer;
    this.admission = admission;
    this.present = present;
    this.reads = reads;
  }

  public void handle(Call call, byte[] body) {
    ObjectNode o = Bodies.object(call.ctx().request().getHeader("Content-Type"), body);
    String sub = call.info().subresource() == null ? "" : call.info().subresource();
    if (sub.equals("scale")) {
      scale(call, o);
      return;
    }
    Admission.typeAndNamespace(call, o);
    Admission.sameName(call, o);
    admission.checkFields(call, o);
    Meta.of(o).put("name", call.info().name());
    long expected = Reads.parseVersionOrZero(Meta.text(o, "resourceVersion"));
    if (!sub.isEmpty() && !sub.equals("status") && !sub.equals("finalize")) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    String name = call.info().name();
    Record.Meta meta = Admission.meta(call);
    reads.existing(call, name)
        .compose(current -> {
          if (!Meta.of(o).hasNonNull("uid")) {
            Meta.of(o).put("uid", Meta.uid(current));
          }
          if (sub.isEmpty()) {
            admission.prepare(call, o);
          } else if (sub.equals("status")) {
            admission.seal(call.type(), o);
          }
          ObjectNode next = Fields.track(call, current, o, sub, Meta.time(meta.timeMillis()));
          return writer.write(call, new Record.Update(meta, call.key(name),
              expected > 0 ? expected : Meta.resourceVersion(current), sub, next));
        })
        .onSuccess(result -> call.send(200, present.object(call.type(), result.deepCopy())))
        .onFailure(call::fail);
  }

  private void scale(Call call, ObjectNode scale) {
    String name = call.info().name();
    reads.existing(call, name)
        .compose(current -> {
          long expected = Reads.parseVersionOrZero(Meta.text(scale, "resourceVersion"));
          ObjectNode next = Scale.apply(current, scale);
          return writer.write(call, new Record.Update(Admission.meta(call), call.key(name),
              expected > 0 ? expected : Meta.resourceVersion(current), "", next));
        })
        .onSuccess(result -> call.send(200, Scale.of(call.type(), result)))
        .onFailure(call::fail);
  }
}
