/** The keys Secrets are sealed with: their rotation, and the re-sealing of stored Secrets it starts. */
package io.logplane.api.keys;
