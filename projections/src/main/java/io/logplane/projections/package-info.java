/**
 * The materialized state: the pure {@link io.logplane.projections.StateMachine}, the
 * {@link io.logplane.projections.Store} over RocksDB, the projection loop that applies the log,
 * and the {@link io.logplane.projections.WatchHub} that streams applied changes.
 */
package io.logplane.projections;
