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

  /** How often an unconditional update is tried when others keep writing the object meanwhile. */
  private static final int UNCONDITIONAL_ATTEMPTS = 5;
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
    o = Admission.toStorage(call, o);
    Metadata.of(o).put("name", call.info().name());
    long expected = Reads.parseVersionOrZero(Metadata.text(o, "resourceVersion"));
    if (!sub.isEmpty() && !sub.equals("status") && !sub.equals("finalize")
        && !(sub.equals("approval") && call.type().subresources().contains(sub))) {
      throw ApiException.notFound("the server could not find the requested resource");
    }
    attempt(call, o, sub, expected, 0)
        .onSuccess(result -> call.send(200, path.present().object(call.type(), result.deepCopy())))
        .onFailure(call::fail);
  }

  /**
   * One read and write of the update. Without a resourceVersion in the body the update is
   * unconditional: when another write came between the read and this one, it is read and made
   * again, as kube-apiserver's GuaranteedUpdate does, instead of answering 409.
   */
  private io.vertx.core.Future<ObjectNode> attempt(Call call, ObjectNode o, String sub, long expected, int n) {
    String name = call.info().name();
    Command.Meta first = Admission.meta(call);
    Command.Meta meta = n == 0 ? first : new Command.Meta(first.actor(), first.requestId() + "-" + n,
        first.timeMillis(), first.verb(), first.subresource());
    return path.reads().existing(call, name)
        .compose(current -> {
          if (!Metadata.of(o).hasNonNull("uid")) {
            Metadata.of(o).put("uid", Metadata.uid(current));
          }
          ObjectNode body = o.deepCopy();
          if (sub.isEmpty()) {
            path.admission().prepareUpdate(call, current, body);
          } else if (sub.equals("status") || sub.equals("approval")) {
            path.admission().prepareSubresource(call, current, body);
          }
          ObjectNode next = Fields.track(call, current, body, sub, Metadata.time(meta.timeMillis()));
          return path.writer().write(call, new Command.Update(AuditNotes.annotated(call, meta), call.key(name),
              expected > 0 ? expected : Metadata.resourceVersion(current), sub, next));
        })
        .recover(e -> expected == 0 && n < UNCONDITIONAL_ATTEMPTS - 1 && e instanceof ApiException a
            && a.code() == 409 ? attempt(call, o, sub, expected, n + 1) : io.vertx.core.Future.failedFuture(e));
  }

  private void scale(Call call, ObjectNode scale) {
    long expected = Reads.parseVersionOrZero(Metadata.text(scale, "resourceVersion"));
    scaleAttempt(call, scale, expected, 0)
        .onSuccess(result -> call.send(200, Scale.of(call.type(), result)))
        .onFailure(call::fail);
  }

  /** As {@link #attempt}, for the scale subresource: read again and retried when unconditional. */
  private io.vertx.core.Future<ObjectNode> scaleAttempt(Call call, ObjectNode scale, long expected, int n) {
    String name = call.info().name();
    Command.Meta first = Admission.meta(call);
    Command.Meta meta = n == 0 ? first : new Command.Meta(first.actor(), first.requestId() + "-" + n,
        first.timeMillis(), first.verb(), first.subresource());
    return path.reads().existing(call, name)
        .compose(current -> path.writer().write(call, new Command.Update(meta, call.key(name),
            expected > 0 ? expected : Metadata.resourceVersion(current), "", Scale.apply(current, scale))))
        .recover(e -> expected == 0 && n < UNCONDITIONAL_ATTEMPTS - 1 && e instanceof ApiException a
            && a.code() == 409 ? scaleAttempt(call, scale, expected, n + 1) : io.vertx.core.Future.failedFuture(e));
  }
}
