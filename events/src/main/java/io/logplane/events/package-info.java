/**
 * The log: the record envelope ({@link io.logplane.events.Command}), its codec, the
 * {@link io.logplane.events.EventLog} over Kafka, and the embedded single-node KRaft broker.
 */
package io.logplane.events;
