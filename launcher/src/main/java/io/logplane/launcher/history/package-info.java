/**
 * {@code logplane history KIND/NAME}: a client of the {@code history.logplane.io} API that
 * prints every version of an object with a diff of its YAML from the version before, and the
 * refused attempts with their reasons.
 */
package io.logplane.launcher.history;
