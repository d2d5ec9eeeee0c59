package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.Bodies;
import io.logplane.events.Command;
import io.logplane.projections.Metadata;
import io.vertx.core.Future;
import java.util.UUID;

/** POST of a collection: a Create command with its defaults (uid, creationTimestamp). */
public final class CreateHandler {

  private final io.vertx.core.Vertx vertx;
  private final Writer writer;
  private final Admission admission;
  private final Present present;
  private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();

  public CreateHandler(io.vertx.core.Vertx vertx, Writer writer, Admission admission, Present present) {
    this.vertx = vertx;
    this.writer = writer;
    this.admission = admission;
    this.present = present;
  }

  /**
   * Decoding, admission, field tracking and the append (encoding the record) are the CPU work
   * of a create. Under concurrent creates they run on a worker, so the event
   * loop only moves bytes and creates use both cores; a create alone runs them at once on the
   * event loop, which then has nothing else to do, and saves two thread hand-offs. The answer
   * comes back on the request's event loop.
   */
  public void handle(Call call, byte[] body) {
    Future<Writer.Written> written;
    if (active.incrementAndGet() == 1) {
      try {
        written = writer.written(call, record(call, body));
      } catch (RuntimeException e) {
        written = Future.failedFuture(e);
      }
    } else {
      written = vertx.executeBlocking(() -> writer.written(call, record(call, body)), false)
          .compose(w -> w);
    }
    written.onComplete(ar -> active.decrementAndGet())
        .onSuccess(result -> present.send(call, 201, result))
        .onFailure(call::fail);
  }

  private Command record(Call call, byte[] body) {
    ObjectNode o = Bodies.object(call.ctx().request().getHeader("Content-Type"), body,
        "Strict".equals(call.param("fieldValidation")));
    Admission.typeAndNamespace(call, o);
    call.ctx().put("logplane.name", o.path("metadata").path("name").asText(""));
    admission.decode(call, o);
    admission.checkFields(call, o);
    o = Admission.toStorage(call, o);
    Command.Meta meta = Admission.meta(call);
    ObjectNode m = Metadata.of(o);
    for (String f : new String[] {"resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"}) {
      m.remove(f);
    }
    m.put("uid", UUID.randomUUID().toString());
    m.put("creationTimestamp", Metadata.time(meta.timeMillis()));
    admission.prepare(call, o);
    o = Fields.track(call, null, o, null, Metadata.time(meta.timeMillis()));
    admission.admit(call, o);
    return new Command.Create(AuditNotes.annotated(call, meta), call.key(m.path("name").asText("")), o);
  }
}
