package io.logplane.projections.rebuild;

import io.logplane.events.Codec;
import io.logplane.events.LogEntry;
import io.logplane.events.SourceSubscription;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * One subscription's read of {@link DecodedBatches}: owns the raw source, keeps up to a window of
 * chunks decoding on the executor ahead of demand, and hands them out in offset order. Exhausted
 * after the last offset.
 */
final class BatchSource implements SourceSubscription.Source<List<LogEntry>> {

  private final RawSource source; // null when the range is empty
  private final long to;
  private final Executor decoders;
  private final int chunk;
  private final int window;
  private final ArrayDeque<CompletableFuture<List<LogEntry>>> ahead = new ArrayDeque<>();
  private long next;

  BatchSource(RawSource source, long from, long to, Executor decoders, int chunk, int window) {
    this.source = source;
    this.to = to;
    this.decoders = decoders;
    this.chunk = chunk;
    this.window = window;
    this.next = from;
  }

  /** Polls and starts decoding until the window is full, the last offset is read, or a poll comes back empty. */
  @Override
  public void prepare() {
    while (source != null && next <= to && ahead.size() < window) {
      List<RawSource.Raw> raws = source.poll();
      if (raws.isEmpty() && !ahead.isEmpty()) {
        return;
      }
      List<RawSource.Raw> part = new ArrayList<>(Math.min(chunk, raws.size()));
      for (RawSource.Raw r : raws) {
        if (r.offset() != next) {
          throw new IllegalStateException("the log skips from offset " + next + " to " + r.offset());
        }
        part.add(r);
        next++;
        if (part.size() == chunk || next > to) {
          decode(part);
          part = new ArrayList<>(chunk);
          if (next > to) {
            break;
          }
        }
      }
      if (!part.isEmpty()) {
        decode(part);
      }
    }
  }

  @Override
  public boolean exhausted() {
    return ahead.isEmpty() && (source == null || next > to);
  }

  @Override
  public List<LogEntry> next() {
    CompletableFuture<List<LogEntry>> f = ahead.poll();
    if (f == null) {
      return null;
    }
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void decode(List<RawSource.Raw> raws) {
    ahead.add(CompletableFuture.supplyAsync(() -> decodeAll(raws), decoders));
  }

  static List<LogEntry> decodeAll(List<RawSource.Raw> raws) {
    List<LogEntry> out = new ArrayList<>(raws.size());
    for (RawSource.Raw r : raws) {
      try {
        out.add(new LogEntry(r.offset(), Codec.decodeAt(r.value(), r.offset())));
      } catch (RuntimeException e) {
        throw new IllegalStateException("undecodable record at offset " + r.offset() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    ahead.forEach(f -> f.cancel(false));
    if (source != null) {
      source.close();
    }
  }
}
