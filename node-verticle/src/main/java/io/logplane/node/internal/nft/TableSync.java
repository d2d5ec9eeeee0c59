package io.logplane.node.internal.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logplane.node.internal.runtime.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one nftables table in step with what its owner wants. Each {@link #request} asks for a
 * sync; syncs run one at a time on a thread of the table's own, and requests that arrive during
 * one are taken up by the next, so a burst of changes costs one or two syncs. A sync asks the
 * owner's rules for the script from what the previous sync left ({@link Sync}) and runs it as
 * one {@code nft -f} transaction; one that fails is retried a second later as a full replace of
 * the table. Nothing is synced while the owner is not ready (its objects not all listed once).
 * {@link #close} stops syncing and removes the table.
 *
 * <p>{@link #request} may be called from any thread.
 */
public final class TableSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableSync.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long RETRY_MILLIS = 1000;

  private final String family;
  private final String table;
  private final BooleanSupplier ready;
  private final UnaryOperator<Sync> rules;
  private final ScheduledExecutorService syncer;
  private final AtomicBoolean wanted = new AtomicBoolean();
  private volatile boolean closed;
  private Sync applied = Sync.none();
  private volatile long lastSyncNanos;
  private volatile long syncs;
  private volatile Runnable afterSync = () -> {};

  /**
   * @param family {@code ip}, {@code ip6} or {@code inet}
   * @param table  the table's name
   * @param ready  whether a sync may run now
   * @param rules  the sync from a previous one: the rules wanted now, made on the sync's thread
   */
  public TableSync(String family, String table, BooleanSupplier ready, UnaryOperator<Sync> rules) {
    this.family = family;
    this.table = table;
    this.ready = ready;
    this.rules = rules;
    this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "nft-" + table);
      t.setDaemon(true);
      return t;
    });
  }

  /** What to do on the sync's thread once a sync's rules are in the kernel, before the next sync. */
  public void afterSync(Runnable then) {
    this.afterSync = then;
  }

  /** Asks for a sync, unless one is asked for already. */
  public void request() {
    if (ready.getAsBoolean() && !closed && wanted.compareAndSet(false, true)) {
      syncer.execute(this::sync);
    }
  }

  private void sync() {
    if (closed) {
      return;
    }
    wanted.set(false); // a change from here on asks for another sync
    long start = System.nanoTime();
    Sync next = rules.apply(applied);
    try {
      if (!next.script().isEmpty()) {
        Exec.check(next.script(), List.of("nft", "-f", "-"));
      }
      applied = next;
      lastSyncNanos = System.nanoTime() - start;
      syncs++;
      LOG.debug("nft table {} {}: {} chains synced in {} ms", family, table, next.chains().size(),
          lastSyncNanos / 1_000_000);
      try {
        afterSync.run();
      } catch (RuntimeException e) {
        LOG.warn("after the sync of nft table {} {}: {}", family, table, e.getMessage());
      }
    } catch (RuntimeException e) {
      LOG.warn("nft table {} {} not synced, again as a full replace in {} ms: {}", family, table,
          RETRY_MILLIS, e.getMessage());
      applied = Sync.none();
      syncer.schedule(() -> {
        if (wanted.compareAndSet(false, true)) {
          sync();
        }
      }, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** How long the last sync took, from making the rules to the end of {@code nft -f}. */
  public long lastSyncNanos() {
    return lastSyncNanos;
  }

  /** How many syncs succeeded. */
  public long syncs() {
    return syncs;
  }

  /** The packets counted by the rules of {@code chain} so far; blocking. */
  public long packets(String chain) {
    try {
      long n = 0;
      JsonNode listing = JSON.readTree(Exec.check("nft", "-j", "list", "chain", family, table, chain));
      for (JsonNode item : listing.path("nftables")) {
        for (JsonNode expr : item.path("rule").path("expr")) {
          n += expr.path("counter").path("packets").asLong(0);
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the table is in the kernel; blocking. */
  public boolean installed() {
    try {
      Exec.check("nft", "list", "table", family, table);
      return true;
    } catch (Exec.Failed e) {
      return false;
    }
  }

  /** Stops syncing and removes the table; blocking. */
  @Override
  public void close() {
    closed = true;
    syncer.shutdown();
    try {
      syncer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (installed()) {
      Exec.check("nft", "delete", "table", family, table);
    }
  }
}
