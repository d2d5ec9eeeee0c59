package io.logplane.projections.informers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Change;
import io.logplane.projections.Event;
import io.logplane.projections.Json;
import io.logplane.projections.Metadata;
import io.logplane.projections.Projection;
import io.logplane.projections.Store;
import io.logplane.projections.WatchHub;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Informer} per key prefix, shared by every reader of the process. Over a projection,
 * an informer is filled from a snapshot when first asked for and then follows the applied events
 * after that snapshot's offset, so it misses none and sees none twice. {@link #detached()} makes
 * informers that nothing feeds but their owner (tests feed them by hand, as an in-memory store).
 */
public final class Informers implements AutoCloseable {

  /** May a reader list and watch the objects under a key prefix (such as {@code core/pods/})? */
  @FunctionalInterface
  public interface ReadCheck {
    /** @return why not, or null when it may */
    String refusal(String prefix);
  }

  private final Projection projection;
  private final Map<String, Informer> byPrefix;
  private final List<WatchHub.Subscription> subscriptions;
  /** The informers this view shares, or null for the informers themselves. */
  private final Informers shared;
  private final ReadCheck check;

  private Informers(Projection projection) {
    this.projection = projection;
    this.byPrefix = new HashMap<>();
    this.subscriptions = new ArrayList<>();
    this.shared = null;
    this.check = prefix -> null;
  }

  private Informers(Informers shared, ReadCheck check) {
    this.projection = shared.projection;
    this.byPrefix = null;
    this.subscriptions = null;
    this.shared = shared;
    this.check = check;
  }

  /**
   * These informers as one reader sees them: asking for the informer of a prefix the reader may
   * not list and watch fails ({@link SecurityException} with the check's reason), as a
   * component's informer would be refused by kube-apiserver's authorizer. Closing the view
   * closes nothing.
   */
  public Informers readBy(ReadCheck check) {
    return new Informers(shared != null ? shared : this, check);
  }

  /** Informers kept current by the projection's applied events. */
  public static Informers over(Projection projection) {
    return new Informers(projection);
  }

  /** Informers that only {@link Informer#apply} changes: the in-memory store of unit tests. */
  public static Informers detached() {
    return new Informers(null);
  }

  /** The informer of a key prefix ({@code apps/replicasets/}), filled and following on first ask. */
  public Informer informer(String prefix) {
    String refused = check.refusal(prefix);
    if (refused != null) {
      throw new SecurityException(refused);
    }
    return shared != null ? shared.informer(prefix) : own(prefix);
  }

  private synchronized Informer own(String prefix) {
    Informer existing = byPrefix.get(prefix);
    if (existing != null) {
      return existing;
    }
    Informer informer = new Informer(prefix);
    if (projection != null) {
      follow(informer);
    }
    byPrefix.put(prefix, informer);
    return informer;
  }

  private void follow(Informer informer) {
    String prefix = informer.prefix();
    long at;
    try (Store.Snapshot snap = projection.store().snapshot()) {
      at = snap.appliedOffset();
      snap.scan(prefix, null, (key, json) -> {
        informer.apply(key, trimmed(Json.object(json)), at);
        return true;
      });
    }
    informer.advance(at);
    subscriptions.add(projection.hub().subscribe(at, e -> e.key().startsWith(prefix),
        (events, applied) -> {
          for (Event e : events) {
            informer.apply(e.key(), e.type() == Change.Type.DELETED ? null : trimmed(e.object()), e.offset());
          }
          informer.advance(applied);
        }));
  }

  /**
   * Returns once every informer holds what the projection had published when called, so that a
   * reader of several sees one state. A batch reaches the informers one after the other, on the
   * applying thread, and a handler of the first may wake a reader before the last has the batch:
   * the ReplicaSet controller, woken by the deletion of a set's pods, saw the set that the same
   * record deleted and made it new pods. The wait is for the applying thread to get through the
   * batch it is delivering, if any. Detached informers (fed by hand) do not wait.
   */
  public void settle() {
    if (shared != null) {
      shared.settle();
    } else if (projection != null) {
      projection.hub().awaitDelivered();
    }
  }

  /**
   * The object as the caches hold it: without {@code metadata.managedFields}, as client-go
   * informers are commonly told to ({@code WithTransform(TrimManagedFields)}). No reader here
   * uses them, an update without them keeps the stored ones (as kube's field manager does), and
   * they are half the JSON objects of a simple pod: with 30,000 pods held the live heap was 241 MB
   * against 293 MB (README). The event's tree is shared, so it is copied, not changed: a new root
   * and metadata that share every other node.
   */
  static ObjectNode trimmed(ObjectNode object) {
    return object.get("metadata") instanceof ObjectNode meta && meta.has("managedFields")
        ? Metadata.withoutManagedFields(object) : object;
  }

  @Override
  public synchronized void close() {
    if (shared != null) {
      return;
    }
    subscriptions.forEach(WatchHub.Subscription::cancel);
    subscriptions.clear();
  }
}
