package io.logplane.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Empties a terminating namespace (after a grace period), then finalizes it: deletes every object in it (dependents go
 * with their owners), and once nothing is left removes the {@code kubernetes} finalizer from
 * {@code spec.finalizers}, which lets the namespace go.
 */
public final class NamespaceController implements Reconciler {

  public static final String FINALIZER = "kubernetes";
  static final String NAMESPACES = "core/namespaces/";

  /**
   * As the kube controller's namespaceDeletionGracePeriod: a terminating namespace is emptied
   * only after a few seconds, so clients deleting its objects themselves (kubectl delete -f of a
   * file holding the namespace and its content) find them still there.
   */
  static final long DELETION_GRACE_MILLIS = 5_000;

  private final Informer namespaces;
  private final ControllerContext ctx;
  private final ObjectWriter writer;
  private final Clock clock;

  public NamespaceController(ControllerContext ctx) {
    this.ctx = ctx;
    this.namespaces = ctx.informers().informer(NAMESPACES);
    this.writer = ctx.writer("namespace-controller");
    this.clock = ctx.clock();
  }

  /** The declaration: namespaces, nothing else wakes it. */
  public static Controller controller(ControllerContext ctx) {
    return Controller.named("namespace").reconciles(NAMESPACES).build(new NamespaceController(ctx));
  }

  @Override
  public Result reconcile(String key) throws Exception {
    ObjectNode ns = namespaces.get(key);
    if (ns == null || !Metadata.terminating(ns) || !hasFinalizer(ns)) {
      return Result.DONE;
    }
    long graceLeft = Instant.parse(Metadata.text(ns, "deletionTimestamp")).toEpochMilli() + DELETION_GRACE_MILLIS
        - clock.millis();
    if (graceLeft > 0) {
      return Result.after(Duration.ofMillis(graceLeft));
    }
    String name = Key.parse(key).name();
    boolean remaining = false;
    for (String member : ctx.store().keysInNamespace(name)) {
      remaining = true;
      byte[] m = ctx.store().get(member);
      if (m != null && !Metadata.terminating(Json.object(m))) {
        writer.delete(Key.parse(member), null, "Background").get();
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
    writer.updateSubresource(Key.parse(key), "finalize", finalized).get();
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
