/**
 * The {@code logplane} command: up, server, replay, bench, bench-history; the lock that keeps a
 * data directory to one server, and the ports checked before a server starts.
 */
package io.logplane.launcher;
