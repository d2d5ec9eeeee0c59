/**
 * Internals of the Kafka-backed log: client configuration, the coalesced end-offset
 * probe, the pull reader and the Reactive Streams publisher that follows the log. Not used outside
 * {@code io.logplane.events}.
 */
package io.logplane.events.internal;
