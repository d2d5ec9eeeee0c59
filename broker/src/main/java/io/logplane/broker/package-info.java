/**
 * Kafka nodes started from the Maven artifacts, in this process: a KRaft node that is broker and
 * controller at once ({@link io.logplane.broker.KafkaNode}), one of a cluster
 * ({@code logplane kafka}) or, as a quorum of one, the embedded broker that {@code logplane up}
 * runs under its data directory ({@link io.logplane.broker.EmbeddedKafka}). Only the launcher
 * starts them, and tests that need a real broker; the log itself ({@code io.logplane.events})
 * speaks to any Kafka through the client alone, and nothing else compiles against the broker's
 * Scala artifacts.
 */
package io.logplane.broker;
