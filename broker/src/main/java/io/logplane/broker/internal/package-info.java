/** The embedded broker's settings file and its Kafka configuration. Not used outside {@code io.logplane.broker}. */
package io.logplane.broker.internal;
