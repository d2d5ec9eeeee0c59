/**
 * Controllers: level-based reconcilers over one shared loop. A controller gets a key, reads the
 * current state from the projection, and writes what is missing through
 * {@link io.logplane.projections.Proposals}, the API's write path too; when that path pushes
 * back, the loop requeues the key after its hint. Retries live in the loop, never in a
 * reconciler.
 */
package io.logplane.controllers;
