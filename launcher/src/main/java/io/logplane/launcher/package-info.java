/** The {@code logplane} command: up, server, bench. */
package io.logplane.launcher;
