package io.logplane.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Projection;
import io.logplane.projections.internal.Meta;

/**
 * Empties a terminating namespace (after a grace period), then finalizes it: deletes every object in it (dependents go
 * with their owners), and once nothing is left removes the {@code kubernetes} finalizer from
 * {@code spec.finalizers}, which lets the namespace go.
 */
public final class NamespaceController implements Reconciler {

  public static final String FINALIZER = "kubernetes";

  /**
   * As the kube controller's namespaceDeletionGracePeriod: a terminating namespace is emptied
   * only after a few seconds, so clients deleting its objects themselves (kubectl delete -f of a
   * file holding the namespace and its content) find them still there.
   */
  static final long DELETION_GRACE_MILLIS = 5_000;

  private final Projection projection;
  private final Appender appender;

  public NamespaceController(Projection projection, Appender appender) {
    this.projection = projection;
    this.appender = appender;
  }

  @Override
  public String watches() {
    return "core/namespaces/";
  }

  @Override
  public Result reconcile(String key) throws Exception {
    byte[] json = projection.store().get(key);
    if (json == null) {
      return Result.DONE;
    }
    ObjectNode ns = Json.object(json);
    if (!Meta.terminating(ns) || !hasFinalizer(ns)) {
      return Result.DONE;
    }
    if (System.currentTimeMillis() - java.time.Instant.parse(Meta.text(ns, "deletionTimestamp")).toEpochMilli()
        < DELETION_GRACE_MILLIS) {
      return Result.REQUEUE;
    }
    String name = Key.parse(key).name();
    boolean remaining = false;
    for (String member : projection.store().keysInNamespace(name)) {
      remaining = true;
      byte[] m = projection.store().get(member);
      if (m != null && !Meta.terminating(Json.object(m))) {
        appender.append(new Command.Delete(appender.meta("delete"), member, 0, null, "Background"));
      }
    }
    if (remaining) {
      return Result.REQUEUE;
    }
    ObjectNode finalized = ns.deepCopy();
    var list = ((ObjectNode) finalized.get("spec")).putArray("finalizers");
    for (JsonNode f : ns.path("spec").path("finalizers")) {
      if (!f.asText().equals(FINALIZER)) {
        list.add(f);
      }
    }
    appender.append(new Command.Update(appender.meta("update"), key, Meta.resourceVersion(ns), "finalize",
        finalized));
    return Result.DONE;
  }

  private static boolean hasFinalizer(JsonNode ns) {
    for (JsonNode f : ns.path("spec").path("finalizers")) {
      if (f.asText().equals(FINALIZER)) {
        return true;
      }
    }
    return false;
  }
}
