/**
 * How a Kafka node is configured (the flags' parsing, the settings derived from the number of
 * voters, the embedded broker's settings file) and its log directory formatted. Not used outside
 * {@code io.logplane.broker}.
 */
package io.logplane.broker.internal;
