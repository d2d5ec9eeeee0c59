/**
 * Shared caches of the current objects of a kind, as client-go's informers: filled from a
 * snapshot of the projection and kept current by its applied events (never by polling), with
 * indexes (pods by node, objects by owner) and handlers that learn of each change. The
 * scheduler and the controllers read these instead of the store; several readers of one kind
 * share one cache ({@link io.logplane.projections.informers.Informers}).
 */
package io.logplane.projections.informers;
