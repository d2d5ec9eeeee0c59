package io.logplane.projections;

import java.util.function.Supplier;

/**
 * Hears every batch a {@link RocksStore} commits, on the committing thread, after the write: the
 * offsets it covers and its {@link ChangeSet}, encoded when asked for (on any thread, once the
 * commit returned).
 */
@FunctionalInterface
public interface ChangeListener {
  void committed(long first, long last, Supplier<byte[]> changeSet);
}
