package io.logplane.api;

import io.logplane.api.admission.SecretCipher;
import io.logplane.api.resources.Registry;
import io.logplane.events.EventLog;
import io.logplane.projections.Projection;
import io.vertx.core.Vertx;

/**
 * What request handling shares: the log it appends to, the projection it reads and waits on,
 * the served types and the secrets cipher. Nothing in here holds per-request state.
 */
public record ApiContext(Vertx vertx, EventLog log, Projection projection, Registry registry, SecretCipher cipher) {}
