package io.logplane.api;

import io.logplane.api.admission.SecretCipher;
import io.logplane.api.resources.Registry;
import io.logplane.events.EventLog;
import io.logplane.projections.Projection;
import io.logplane.projections.Proposals;
import io.logplane.projections.metrics.MetricsStore;
import io.logplane.projections.podsecurity.PodSecurityConfiguration;
import io.vertx.core.Vertx;
import java.time.Clock;

/**
 * What request handling shares: the log it reads the end of, the write path it appends through
 * (the one {@link Proposals} of the process, which the controllers write through too, so push-back
 * sees every local writer), the projection it reads and waits on, the served types and the
 * secrets cipher, and the resource metrics node agents report (held in memory, shared with the
 * controllers of the process), and the PodSecurity admission's configuration. Nothing in here
 * holds per-request state.
 */
public record ApiContext(Vertx vertx, EventLog log, Proposals proposals, Projection projection, Registry registry,
    SecretCipher cipher, MetricsStore metrics, PodSecurityConfiguration podSecurity) {

  /** A context without PodSecurity defaults or exemptions. */
  public ApiContext(Vertx vertx, EventLog log, Proposals proposals, Projection projection, Registry registry,
      SecretCipher cipher, MetricsStore metrics) {
    this(vertx, log, proposals, projection, registry, cipher, metrics, PodSecurityConfiguration.NONE);
  }

  /** A context whose metrics nobody else reads (a server without controllers of its own, a test). */
  public ApiContext(Vertx vertx, EventLog log, Proposals proposals, Projection projection, Registry registry,
      SecretCipher cipher) {
    this(vertx, log, proposals, projection, registry, cipher, new MetricsStore(Clock.systemUTC()));
  }
}
