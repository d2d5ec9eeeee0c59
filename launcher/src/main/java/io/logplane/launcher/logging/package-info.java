/**
 * Where the {@code logplane} commands' logs go (logback, configured here rather than by a file).
 * A server's console says what it started and then only warnings and errors; everything at INFO
 * goes to rolling files under its data directory ({@link io.logplane.launcher.logging.Logs}).
 * The Kafka libraries' Log4j API and commons-logging calls reach the same backend through
 * log4j-to-slf4j.
 */
package io.logplane.launcher.logging;
