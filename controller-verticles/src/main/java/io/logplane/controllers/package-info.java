/**
 * Controllers: level-based reconcilers over one shared loop. A controller gets a key, reads the
 * current state from the projection, and appends what is missing to the log — the same path as
 * API writes. Retries live in the loop, never in a reconciler.
 */
package io.logplane.controllers;
