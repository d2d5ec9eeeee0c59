/**
 * The embedded single-node Kafka broker (KRaft, broker and controller in one process) that
 * {@code logplane up} runs under its data directory. Only the launcher starts it, and tests that
 * need a real broker; the log itself ({@code io.logplane.events}) speaks to any Kafka through the
 * client alone, and nothing else compiles against the broker's Scala artifacts.
 */
package io.logplane.broker;
