package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.http.Bodies;
import io.logplane.events.Command;
import io.logplane.projections.Metadata;

/**
 * PUT of an object, its status or its scale: an Update command whose precondition is the
 * resourceVersion in the body (unconditional when it is absent). apply() keeps what the
 * caller may not change (uid, creationTimestamp, status on the main resource).
 */
public final class UpdateHandler {

  private final WritePath path;

  public UpdateHandler(WritePath path) {
    this.path = path;
  }

  public void handle(Call call, byte[] body) {
    ObjectNode o = Bodies.object(call.ctx().request().getHeader("Content-Type"), body,
        "Strict".equals(call.param("fieldValidation")));
    String sub = call.info().subresource() == null ? "" : call.info().subresource();
    if (sub.equals("scale")) {
      scale(call, o);
      return;
    }
    Admission.typeAndNamespace(call, o);
    Admission.sameName(call, o);
    path.admission().decode(call, o);
    path.admission().checkFields(call, o);
    Metadata.of(o).put("name", call.info().name());
    long expected = Reads.parseVersionOrZero(Metadata.text(o, "resourceVersion"));
    if (!sub.isEmpty() && !sub.equals("status") && !sub.equals("finalize")) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    String name = call.info().name();
    Command.Meta meta = Admission.meta(call);
    path.reads().existing(call, name)
        .compose(current -> {
          if (!Metadata.of(o).hasNonNull("uid")) {
            Metadata.of(o).put("uid", Metadata.uid(current));
          }
          if (sub.isEmpty()) {
            path.admission().prepareUpdate(call, current, o);
          } else if (sub.equals("status")) {
            path.admission().seal(call.type(), o);
          }
          ObjectNode next = Fields.track(call, current, o, sub, Metadata.time(meta.timeMillis()));
          return path.writer().write(call, new Command.Update(meta, call.key(name),
              expected > 0 ? expected : Metadata.resourceVersion(current), sub, next));
        })
        .onSuccess(result -> call.send(200, path.present().object(call.type(), result.deepCopy())))
        .onFailure(call::fail);
  }

  private void scale(Call call, ObjectNode scale) {
    String name = call.info().name();
    path.reads().existing(call, name)
        .compose(current -> {
          long expected = Reads.parseVersionOrZero(Metadata.text(scale, "resourceVersion"));
          ObjectNode next = Scale.apply(current, scale);
          return path.writer().write(call, new Command.Update(Admission.meta(call), call.key(name),
              expected > 0 ? expected : Metadata.resourceVersion(current), "", next));
        })
        .onSuccess(result -> call.send(200, Scale.of(call.type(), result)))
        .onFailure(call::fail);
  }
}
