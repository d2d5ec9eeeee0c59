package io.logplane.api.rest;

import io.logplane.api.resources.ResourceType;
import java.util.function.IntConsumer;

/** Where watches count the events they send, per served type (kube's {@code apiserver_watch_events_total}). */
@FunctionalInterface
public interface WatchEvents {

  /** Counts nothing. */
  WatchEvents NONE = type -> n -> { };

  /** The counter of events sent by watches of this type; looked up once per watch. */
  IntConsumer of(ResourceType type);
}
