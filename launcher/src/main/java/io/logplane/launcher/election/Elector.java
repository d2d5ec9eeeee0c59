package io.logplane.launcher.election;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One replica's side of one Lease: each {@link #tick} reads the Lease from the cache and takes,
 * renews or leaves it, and says when to look again. Leading starts once a write of ours was
 * accepted (the log decided between racing replicas) and stops when another holder shows up or
 * no renewal got through for the renew deadline.
 */
final class Elector {

  /** Kubernetes' defaults, but for renewing every 5 s instead of 2: each renewal is a record the history keeps. */
  record Config(String namespace, String name, String identity, Duration leaseDuration, Duration renewDeadline,
      Duration renewEvery, Duration retry) {
    static Config of(String namespace, String name, String identity) {
      return new Config(namespace, name, identity, Duration.ofSeconds(15), Duration.ofSeconds(10),
          Duration.ofSeconds(5), Duration.ofSeconds(2));
    }
  }

  /** Told when this replica starts and stops leading; called from the thread of the tick's verdict. */
  interface Callbacks {
    void started();

    void stopped();
  }

  private final Informer leases;
  private final ObjectWriter writer;
  private final Config config;
  private final Clock clock;
  private final Callbacks callbacks;
  private final Key key;
  private final Expiry expiry = new Expiry();
  private volatile boolean leading;
  private Instant renewed = Instant.MIN;

  Elector(Informer leases, ObjectWriter writer, Config config, Clock clock, Callbacks callbacks) {
    this.leases = leases;
    this.writer = writer;
    this.config = config;
    this.clock = clock;
    this.callbacks = callbacks;
    this.key = new Key("coordination.k8s.io", "leases", config.namespace(), config.name());
  }

  boolean leading() {
    return leading;
  }

  /** One attempt to take or renew the Lease; completes (never fails) with the pause before the next. */
  synchronized CompletableFuture<Duration> tick() {
    Instant now = clock.instant();
    ObjectNode lease = leases.get(key.toString());
    expiry.observe(lease, now);
    CompletableFuture<ObjectNode> write;
    if (lease == null) {
      write = writer.create(key, LeaseRecord.created(config.namespace(), config.name(), config.identity(),
          config.leaseDuration(), now));
    } else if (config.identity().equals(LeaseRecord.holder(lease)) || expiry.expired(lease, now)) {
      write = writer.update(key, LeaseRecord.held(lease, config.identity(), config.leaseDuration(), now));
    } else {
      stop();
      return CompletableFuture.completedFuture(config.retry());
    }
    return write.handle((ok, failed) -> verdict(failed == null, now));
  }

  private synchronized Duration verdict(boolean accepted, Instant at) {
    if (accepted) {
      renewed = at;
      if (!leading) {
        leading = true;
        callbacks.started();
      }
      return config.renewEvery();
    }
    if (leading && !clock.instant().isBefore(renewed.plus(config.renewDeadline()))) {
      stop();
    }
    return config.retry();
  }

  private void stop() {
    if (leading) {
      leading = false;
      callbacks.stopped();
    }
  }

  /** Gives the Lease up if this replica holds it (a clean stop), so the next holder need not wait. */
  synchronized CompletableFuture<?> release() {
    ObjectNode lease = leases.get(key.toString());
    boolean held = leading && lease != null && config.identity().equals(LeaseRecord.holder(lease));
    leading = false;
    return held ? writer.update(key, LeaseRecord.released(lease, clock.instant())).exceptionally(e -> null)
        : CompletableFuture.completedFuture(null);
  }
}
