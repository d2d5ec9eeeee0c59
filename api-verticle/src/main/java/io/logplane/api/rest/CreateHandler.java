package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.Bodies;
import io.logplane.events.Record;
import io.logplane.projections.internal.Meta;
import java.util.UUID;

/** POST of a collection: a Create command with its defaults (uid, creationTimestamp). */
public final class CreateHandler {

  private final Writer writer;
  private final Admission admission;
  private final Present present;

  public CreateHandler(Writer writer, Admission admission, Present present) {
    this.writer = writer;
    this.admission = admission;
    this.present = present;
  }

  public void handle(Call call, byte[] body) {
    ObjectNode o = Bodies.object(call.ctx().request().getHeader("Content-Type"), body);
    Admission.typeAndNamespace(call, o);
    call.ctx().put("logplane.name", o.path("metadata").path("name").asText(""));
    admission.checkFields(call, o);
    Record.Meta meta = Admission.meta(call);
    ObjectNode m = Meta.of(o);
    for (String f : new String[] {"resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"}) {
      m.remove(f);
    }
    m.put("uid", UUID.randomUUID().toString());
    m.put("creationTimestamp", Meta.time(meta.timeMillis()));
    admission.prepare(call, o);
    o = Fields.track(call, null, o, null, Meta.time(meta.timeMillis()));
    String name = m.path("name").asText("");
    writer.written(call, new Record.Create(meta, call.key(name), o))
        .onSuccess(result -> present.send(call, 201, result))
        .onFailure(call::fail);
  }
}
