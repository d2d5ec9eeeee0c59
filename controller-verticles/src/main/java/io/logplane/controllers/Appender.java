package io.logplane.controllers;

import io.logplane.events.EventLog;
import io.logplane.events.Command;
import io.logplane.projections.Outcome;
import io.logplane.projections.Projection;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** How controllers write: a record appended to the log under the controller's identity, awaited until applied. */
public final class Appender {

  private final EventLog log;
  private final Projection projection;
  private final String actor;

  public Appender(EventLog log, Projection projection, String actor) {
    this.log = log;
    this.projection = projection;
    this.actor = actor;
  }

  public Command.Meta meta(String verb) {
    return new Command.Meta(actor, UUID.randomUUID().toString(), System.currentTimeMillis(), verb);
  }

  /** Appends and waits for the verdict. */
  public Outcome append(Command record) throws Exception {
    var applied = projection.await(record.meta().requestId());
    try {
      log.append(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      projection.forget(record.meta().requestId());
      throw e;
    }
    return applied.get(60, TimeUnit.SECONDS).outcome();
  }
}
