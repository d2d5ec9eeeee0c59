package io.logplane.api.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.http.ApiException;
import io.logplane.api.patch.PatchException;
import io.logplane.api.patch.PatchType;
import io.logplane.api.patch.Patches;
import io.logplane.api.patch.ServerSideApply;
import io.logplane.events.Command;
import io.logplane.projections.Metadata;
import io.vertx.core.Future;
import java.util.UUID;

/**
 * PATCH: read the current object (linearizable), apply the patch, and append an Update whose
 * precondition is the version read. When another write got in between, apply() rejects it
 * with a conflict and the patch is redone on the newer object, as the kube-apiserver does.
 * Server-side apply of an absent object creates it.
 */
public final class PatchHandler {

  private static final int ATTEMPTS = 5;

  private final WritePath path;

  public PatchHandler(WritePath path) {
    this.path = path;
  }

  public void handle(Call call, byte[] body) {
    String contentType = call.ctx().request().getHeader("Content-Type");
    PatchType type = PatchType.fromContentType(contentType);
    if (type == null) {
      throw ApiException.of(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
          + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
          + "application/apply-patch+yaml, application/strategic-merge-patch+json");
    }
    attempt(call, type, body, ATTEMPTS)
        .onSuccess(result -> {
          if ("scale".equals(call.info().subresource())) {
            call.send(200, Scale.of(call.type(), result));
          } else {
            call.send(call.ctx().get("created") != null ? 201 : 200, path.present().object(call.type(), result.deepCopy()));
          }
        })
        .onFailure(call::fail);
  }

  private Future<ObjectNode> attempt(Call call, PatchType type, byte[] body, int left) {
    String name = call.info().name();
    return path.reads().current(call, name)
        .compose(current -> write(call, type, body, current))
        .recover(t -> t instanceof Retry && left > 1 ? attempt(call, type, body, left - 1) : Future.failedFuture(
            t instanceof Retry r ? r.cause : t));
  }

  private Future<ObjectNode> write(Call call, PatchType type, byte[] body, ObjectNode current) {
    String name = call.info().name();
    String sub = call.info().subresource() == null ? "" : call.info().subresource();
    Command.Meta meta = Admission.meta(call);
    if (current == null && type != PatchType.APPLY) {
      return Future.failedFuture(call.notFound(name));
    }
    ObjectNode next;
    try {
      if (type == PatchType.APPLY) {
        ObjectNode served = current == null ? null : path.present().object(call.type(), current.deepCopy());
        next = ServerSideApply.apply(served, body, call.param("fieldManager"),
            call.flag("force"),
            sub.isEmpty() ? null : sub, call.type(), Metadata.time(meta.timeMillis()));
      } else if (sub.equals("scale")) {
        next = Scale.apply(current, Patches.apply(type, Scale.of(call.type(), current), body, call.type()));
      } else {
        next = Patches.apply(type, path.present().object(call.type(), current.deepCopy()), body, call.type());
      }
    } catch (PatchException e) {
      return Future.failedFuture(Fields.status(e));
    }
    if (type == PatchType.APPLY) {
      path.admission().decode(call, next);
    } else if (!sub.equals("scale")) {
      path.admission().decodePatched(call, next);
      Admission.sameName(call, next);
    }
    Admission.typeAndNamespace(call, next);
    path.admission().checkFields(call, next);
    if (!sub.equals("scale")) {
      next = Admission.toStorage(call, next);
    }
    Metadata.of(next).put("name", name);
    if (current == null) {
      ObjectNode m = Metadata.of(next);
      m.put("uid", UUID.randomUUID().toString());
      m.put("creationTimestamp", Metadata.time(meta.timeMillis()));
      m.remove("resourceVersion");
      path.admission().prepare(call, next);
      path.admission().admit(call, next);
      call.ctx().put("created", Boolean.TRUE);
      return path.writer().write(call, new Command.Create(AuditNotes.annotated(call, meta), call.key(name),
          next));
    }
    long read = Metadata.resourceVersion(current);
    long asked = Reads.parseVersionOrZero(Metadata.text(next, "resourceVersion"));
    if (sub.isEmpty()) {
      path.admission().prepareUpdate(call, current, next);
    } else if (sub.equals("status") || sub.equals("approval")) {
      path.admission().prepareSubresource(call, current, next);
    }
    if (type != PatchType.APPLY && !sub.equals("scale")) {
      next = Fields.track(call, current, next, sub, Metadata.time(meta.timeMillis()));
    }
    boolean retryable = asked == read;
    return path.writer().write(call, new Command.Update(AuditNotes.annotated(call, meta), call.key(name),
            asked > 0 ? asked : read,
            sub.equals("scale") ? "" : sub, next))
        .recover(t -> retryable && t instanceof ApiException e && e.code() == 409
            ? Future.failedFuture(new Retry(e)) : Future.failedFuture(t));
  }

  /** A conflict on the version this patch read: read again and redo. */
  private static final class Retry extends RuntimeException {
    final Throwable cause;

    Retry(Throwable cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }
}
