package io.logplane.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.projections.Json;
import io.logplane.projections.Key;
import io.logplane.projections.Projection;
import io.logplane.projections.Proposals;
import io.logplane.projections.Metadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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
  private final Proposals proposals;
  private final String actor;
  private final Clock clock;

  /** A controller writing as {@code actor} (a service account's user name), on the system clock. */
  public NamespaceController(Projection projection, Proposals proposals, String actor) {
    this(projection, proposals, actor, Clock.systemUTC());
  }

  /** A controller whose grace period and record times are read from the given clock. */
  public NamespaceController(Projection projection, Proposals proposals, String actor, Clock clock) {
    this.projection = projection;
    this.proposals = proposals;
    this.actor = actor;
    this.clock = clock;
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
    if (!Metadata.terminating(ns) || !hasFinalizer(ns)) {
      return Result.DONE;
    }
    long graceLeft = Instant.parse(Metadata.text(ns, "deletionTimestamp")).toEpochMilli() + DELETION_GRACE_MILLIS
        - clock.millis();
    if (graceLeft > 0) {
      return Result.after(Duration.ofMillis(graceLeft));
    }
    String name = Key.parse(key).name();
    boolean remaining = false;
    for (String member : projection.store().keysInNamespace(name)) {
      remaining = true;
      byte[] m = projection.store().get(member);
      if (m != null && !Metadata.terminating(Json.object(m))) {
        write(new Command.Delete(meta("delete"), member, 0, null, "Background"));
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
    write(new Command.Update(meta("update"), key, Metadata.resourceVersion(ns), "finalize", finalized));
    return Result.DONE;
  }

  /** Writes and waits for the verdict, which the next reconcile reads back from the state. */
  private void write(Command command) throws Exception {
    proposals.proposeAndWait(command, Projection.DEFAULT_WAIT);
  }

  private Command.Meta meta(String verb) {
    return new Command.Meta(actor, UUID.randomUUID().toString(), clock.millis(), verb);
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
