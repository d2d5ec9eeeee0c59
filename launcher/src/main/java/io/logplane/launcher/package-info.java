/** The {@code logplane} command: up, server, replay, bench, bench-history. */
package io.logplane.launcher;
