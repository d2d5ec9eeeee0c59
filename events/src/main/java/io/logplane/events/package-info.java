/**
 * The log: the record envelope ({@link io.logplane.events.Command}), its codec, and the
 * {@link io.logplane.events.EventLog} over the Kafka client. The embedded broker that
 * {@code logplane up} runs is a module of its own ({@code io.logplane.broker}).
 */
package io.logplane.events;
