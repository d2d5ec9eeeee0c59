/**
 * The rebuild of a store: making it from the changelog (the change sets the live projection
 * committed, loaded as sorted files by {@link io.logplane.projections.BulkLoad}) and from the
 * log's records after them, decided again by the same {@link io.logplane.projections.Applier}
 * (read in bulk by a {@link io.logplane.projections.rebuild.RawSource}, decoded in parallel,
 * applied in offset order). {@code logplane replay} and {@code bench-history} drive it.
 */
package io.logplane.projections.rebuild;
